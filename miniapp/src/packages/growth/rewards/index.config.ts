import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.growth.titles.rewards,
  enablePullDownRefresh: true,
});
