import type { GroupAdminScope, RevokeCause } from '@sharecircle/shared';

/** What members and managers read about groups and group-admin rights (Chinese); the wording stays here. */

export interface Message {
  title: string;
  body: string;
}

/** Names and reasons are quoted at most this long, so a body stays within 500 characters. */
const QUOTED_MAX_CHARS = 120;
const quote = (text: string) => {
  const chars = [...text];
  return chars.length <= QUOTED_MAX_CHARS ? text : `${chars.slice(0, QUOTED_MAX_CHARS - 1).join('')}…`;
};

export const SCOPE_TEXT: Record<GroupAdminScope, string> = { full: '群管理员（含群订单佣金）', moderation: '协助管理' };

export const REVOKE_CAUSE_TEXT: Record<RevokeCause, string> = {
  manual: '社群经理收回',
  removal: '分销资格取消',
  violation: '违规处理',
  demotion: '等级降至要求以下',
  expiry: '授权到期',
};

export function grantedNotice(groupName: string, scope: GroupAdminScope, expiresAt: Date | null): Message {
  return {
    title: '你已获得群管理员权限',
    body: `你已被授予「${quote(groupName)}」的${SCOPE_TEXT[scope]}权限${expiresAt ? `，有效期至 ${expiresAt.toISOString().slice(0, 10)}` : ''}。社群经理会在微信中为你设置群管理员。`,
  };
}

export function revokedNotice(groupName: string, cause: RevokeCause, reason: string | null): Message {
  return {
    title: '群管理员权限已收回',
    body: `你在「${quote(groupName)}」的群管理员权限已收回（${REVOKE_CAUSE_TEXT[cause]}${reason ? `：${quote(reason)}` : ''}）。`,
  };
}

export function managerRevokedNotice(groupName: string, nickname: string, cause: RevokeCause): Message {
  return {
    title: '请在微信中撤销群管理员',
    body: `「${quote(groupName)}」的群管理员 ${quote(nickname)} 的权限已收回（${REVOKE_CAUSE_TEXT[cause]}）。请在微信中取消其群管理员身份，并在待办清单中标记完成。`,
  };
}

export const addAdminInstruction = (groupName: string, nickname: string) => `在微信群「${groupName}」中把 ${nickname} 设为群管理员`;
export const removeAdminInstruction = (groupName: string, nickname: string) => `在微信群「${groupName}」中取消 ${nickname} 的群管理员身份`;
export const renameInstruction = (from: string | null, to: string) => (from === null ? `把新建的微信群命名为「${to}」` : `把微信群「${from}」改名为「${to}」`);
