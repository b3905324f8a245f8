import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.shop.titles.shop,
  enablePullDownRefresh: true,
  // Taro calls the page's useShareAppMessage only when the page declares it shares.
  enableShareAppMessage: true,
});
