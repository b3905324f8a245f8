import type { StaffRole } from '@sharecircle/shared';
import { strings } from '../strings';
import type { MeView } from './api';
import { routes } from './navigation';

export interface WorkbenchEntry {
  text: string;
  url: string;
}

export interface WorkbenchSection {
  key: 'kos' | 'manager';
  title: string;
  entries: WorkbenchEntry[];
}

/** Clerk pages: the server lets only a KOS record sales, send task proof and keep platform accounts. */
const KOS_PAGES: readonly WorkbenchEntry[] = [
  { text: strings.kos.titles.sale, url: routes.kosSale },
  { text: strings.kos.titles.sales, url: routes.kosSales },
  { text: strings.kos.titles.tasks, url: routes.kosTasks },
  { text: strings.kos.titles.accounts, url: routes.kosAccounts },
];

/** Staff pages, each with the roles its routes accept (the `access:` of their route declarations). */
const MANAGER_PAGES: readonly (WorkbenchEntry & { roles: readonly StaffRole[] })[] = [
  { text: strings.manager.titles.applications, url: routes.managerApplications, roles: ['store_manager', 'hq_admin'] },
  { text: strings.manager.titles.storeSales, url: routes.managerStoreSales, roles: ['store_manager', 'hq_admin'] },
  { text: strings.manager.titles.reports, url: routes.managerReports, roles: ['community_manager', 'hq_admin'] },
  { text: strings.manager.titles.groups, url: routes.managerGroups, roles: ['community_manager', 'hq_admin'] },
  { text: strings.manager.titles.training, url: routes.managerTraining, roles: ['community_manager', 'hq_admin'] },
];

const holds = (me: MeView, roles: readonly StaffRole[]) => me.roles.some((grant) => roles.includes(grant.role));

/** The Me page's shortcuts for this user: pages the server would refuse them are not offered. */
export function workbenchFor(me: MeView): WorkbenchSection[] {
  const sections: WorkbenchSection[] = [];
  if (me.member?.type === 'kos') sections.push({ key: 'kos', title: strings.workbench.kosTitle, entries: [...KOS_PAGES] });
  const managerEntries = MANAGER_PAGES.filter((page) => holds(me, page.roles)).map(({ text, url }) => ({ text, url }));
  if (managerEntries.length > 0) sections.push({ key: 'manager', title: strings.workbench.managerTitle, entries: managerEntries });
  return sections;
}
