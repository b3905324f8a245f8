import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.inbox.title,
  enablePullDownRefresh: true,
});
