import Taro from '@tarojs/taro';

export const routes = {
  home: '/pages/home/index',
  earnings: '/pages/earnings/index',
  team: '/pages/team/index',
  me: '/pages/me/index',
  login: '/packages/auth/login/index',
  join: '/packages/auth/join/index',
  /** Where a poster's code and a shared card lead: the join page reads the inviter's code from `scene`. */
  joinWithReferral: (referralCode: string) => `/packages/auth/join/index?scene=${encodeURIComponent(referralCode)}`,
  poster: '/packages/growth/poster/index',
  badges: '/packages/growth/badges/index',
  rewards: '/packages/growth/rewards/index',
  competitions: '/packages/compete/competitions/index',
  assessment: '/packages/compete/assessment/index',
  report: '/packages/compete/report/index',
  inbox: '/packages/inbox/index/index',
  shop: '/packages/shop/index/index',
  /** A shared shop card: the sharer's referral code in `scene`, as on the join page. */
  shopWithReferral: (referralCode: string) => `/packages/shop/index/index?scene=${encodeURIComponent(referralCode)}`,
  myOrders: '/packages/shop/orders/index',
  withdraw: '/packages/earnings/withdraw/index',
  ledger: '/packages/earnings/ledger/index',
  commission: (saleId: number) => `/packages/earnings/commission/index?saleId=${saleId}`,
  kosSale: '/packages/kos/sale/index',
  kosSales: '/packages/kos/sales/index',
  kosTasks: '/packages/kos/tasks/index',
  kosAccounts: '/packages/kos/accounts/index',
  managerApplications: '/packages/manager/applications/index',
  managerStoreSales: '/packages/manager/store-sales/index',
  managerReports: '/packages/manager/reports/index',
  managerGroups: '/packages/manager/groups/index',
  managerTraining: '/packages/manager/training/index',
} as const;

let redirecting = false;

/** Sends the user to the login page once, however many requests failed with 401 at the same time. */
export function goToLogin(): void {
  if (redirecting) return;
  redirecting = true;
  Promise.resolve(Taro.reLaunch({ url: routes.login }))
    .catch(() => undefined)
    .finally(() => {
      redirecting = false;
    });
}

export function goHome(): void {
  Promise.resolve(Taro.switchTab({ url: routes.home })).catch(() => Taro.reLaunch({ url: routes.home }));
}
