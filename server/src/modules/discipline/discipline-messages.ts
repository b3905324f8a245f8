import { APPEAL_WINDOW_DAYS, formatYuan, type ReportReason } from '@sharecircle/shared';

/** What members read about removals, appeals and reports (Chinese); the wording stays in this file. */

export interface Message {
  title: string;
  body: string;
}

/** A notification body holds at most 500 characters; a reason is quoted at most this long. */
const QUOTED_MAX_CHARS = 300;
const quote = (text: string) => {
  const chars = [...text];
  return chars.length <= QUOTED_MAX_CHARS ? text : `${chars.slice(0, QUOTED_MAX_CHARS - 1).join('')}…`;
};

export const REPORT_REASON_TEXT: Record<ReportReason, string> = {
  other_brand_goods: '向品牌粉丝销售其他品牌商品',
  fake_orders: '虚假订单',
  harassment: '骚扰他人',
  other: '其他违规',
};

export function removalNotice(reason: string, appealable: boolean): Message {
  return {
    title: '分销资格已取消',
    body: `你的分销资格已被取消，原因：${quote(reason)}。${appealable ? `如有异议，可在 ${APPEAL_WINDOW_DAYS} 天内提出申诉。` : ''}未结算的佣金仍会按期结算。`,
  };
}

export function violationNotice(reason: ReportReason, forfeitedFen: number): Message {
  return {
    title: '违规处理通知',
    body: `经核实，你存在违规行为（${REPORT_REASON_TEXT[reason]}），分销资格已取消。${
      forfeitedFen > 0 ? `待结算及可提现佣金共 ¥${formatYuan(forfeitedFen)} 已依规没收。` : ''
    }`,
  };
}

/** To a downline or customer whose referrer was removed. */
export function handoverNotice(to: 'upline' | 'store' | 'none'): Message {
  const where = { upline: '已转由其上级继续服务你', store: '已转由其所在门店继续服务你', none: '已解除，你可以重新选择推荐人' }[to];
  return { title: '推荐关系变更', body: `你的推荐人已不再是分销员，你的推荐关系${where}。` };
}

export function restoredNotice(): Message {
  return { title: '推荐关系恢复', body: '你原来的推荐人已恢复分销资格，你的推荐关系已恢复。' };
}

export function appealDecidedNotice(upheld: boolean, note: string): Message {
  return upheld
    ? { title: '申诉成功', body: `你的申诉已通过，分销资格已恢复。说明：${quote(note)}` }
    : { title: '申诉未通过', body: `你的申诉未通过，分销资格仍为取消状态。说明：${quote(note)}` };
}

/** The reporter hears the outcome, never the investigation. */
export function reportOutcomeNotice(confirmed: boolean): Message {
  return confirmed
    ? { title: '举报处理结果', body: '你提交的举报经核实属实，我们已依规处理。感谢你的反馈。' }
    : { title: '举报处理结果', body: '你提交的举报经核查未发现违规。感谢你的反馈。' };
}
