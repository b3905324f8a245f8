import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.growth.titles.poster,
  // Taro calls the page's useShareAppMessage only when the page declares it shares.
  enableShareAppMessage: true,
});
