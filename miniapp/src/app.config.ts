import { strings } from './strings';

/**
 * Tab pages live in the main package (WeChat limits it to 2 MB); every other domain is a sub-package
 * that loads when first opened. Sub-packages never import from each other.
 */
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/earnings/index', 'pages/team/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/auth', pages: ['login/index', 'join/index'] },
    { root: 'packages/earnings', pages: ['withdraw/index', 'ledger/index', 'commission/index'] },
    { root: 'packages/growth', pages: ['poster/index', 'badges/index', 'rewards/index'] },
    { root: 'packages/compete', pages: ['competitions/index', 'assessment/index', 'report/index'] },
    { root: 'packages/inbox', pages: ['index/index'] },
    { root: 'packages/shop', pages: ['index/index', 'orders/index'] },
    { root: 'packages/kos', pages: ['sale/index', 'sales/index', 'tasks/index', 'accounts/index'] },
    { root: 'packages/manager', pages: ['applications/index', 'store-sales/index', 'reports/index', 'groups/index', 'training/index'] },
  ],
  preloadRule: {
    'pages/earnings/index': { network: 'all', packages: ['packages/earnings'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: strings.appName,
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#8f959e',
    selectedColor: '#1f7a5c',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: strings.tabs.home, iconPath: 'assets/tab-home.png', selectedIconPath: 'assets/tab-home-active.png' },
      { pagePath: 'pages/earnings/index', text: strings.tabs.earnings, iconPath: 'assets/tab-earnings.png', selectedIconPath: 'assets/tab-earnings-active.png' },
      { pagePath: 'pages/team/index', text: strings.tabs.team, iconPath: 'assets/tab-team.png', selectedIconPath: 'assets/tab-team-active.png' },
      { pagePath: 'pages/me/index', text: strings.tabs.me, iconPath: 'assets/tab-me.png', selectedIconPath: 'assets/tab-me-active.png' },
    ],
  },
});
