import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.manager.titles.training,
  enablePullDownRefresh: true,
});
