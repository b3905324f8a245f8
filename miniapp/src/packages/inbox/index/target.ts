import type { NotificationView } from '../../../services/api';
import { routes } from '../../../services/navigation';

export interface Target {
  url: string;
  /** Tab pages only open with switchTab. */
  tab: boolean;
}

/** Where opening a notification leads: the page showing what it is about. Generic notices lead nowhere. */
export function targetOf(kind: NotificationView['kind']): Target | null {
  switch (kind) {
    case 'reward_granted':
      return { url: routes.rewards, tab: false };
    case 'commission_settled':
      return { url: routes.earnings, tab: true }; // now withdrawable: the balances
    case 'withdrawal_paid':
      return { url: routes.ledger, tab: false }; // the withdrawal's line in the account history
    case 'level_up':
      return { url: routes.home, tab: true }; // the level card and its next target
    case 'generic':
      return null;
  }
}
