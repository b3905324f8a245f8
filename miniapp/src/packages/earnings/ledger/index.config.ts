import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.titles.ledger,
  enablePullDownRefresh: true,
});
