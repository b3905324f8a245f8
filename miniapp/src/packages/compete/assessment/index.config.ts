import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.compete.titles.assessment,
  enablePullDownRefresh: true,
});
