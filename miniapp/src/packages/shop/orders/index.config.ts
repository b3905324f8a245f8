import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.shop.titles.orders,
  enablePullDownRefresh: true,
});
