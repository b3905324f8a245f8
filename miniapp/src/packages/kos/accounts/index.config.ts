import { strings } from '../../../strings';

export default definePageConfig({
  navigationBarTitleText: strings.kos.titles.accounts,
});
