import { strings } from '../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.titles.team,
  enablePullDownRefresh: true,
});
