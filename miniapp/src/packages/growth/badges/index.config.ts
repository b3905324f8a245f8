import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.growth.titles.badges,
  enablePullDownRefresh: true,
});
