import { parseYuan, type Application } from '@sharecircle/shared';
import { strings } from '../../../strings';

/** The application form as typed: every field text except the two yes/no choices. */
export interface ApplicationDraft {
  city: string;
  storeSize: string;
  teamSize: string;
  monthlySales: string;
  phoneSales: boolean;
  phone: string;
  agreementAccepted: boolean;
}

export type ApplicationField = keyof ApplicationDraft;
export type ApplicationProblems = Partial<Record<ApplicationField, string>>;

export const emptyApplication: ApplicationDraft = {
  city: '',
  storeSize: '',
  teamSize: '',
  monthlySales: '',
  phoneSales: false,
  phone: '',
  agreementAccepted: false,
};

/** Same bounds as the shared applicationSchema; checked here so each field can say what is wrong. */
const COUNT_MAX = 100_000;

function parseCount(text: string): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value <= COUNT_MAX ? value : null;
}

function parseFen(text: string): number | null {
  try {
    const fen = parseYuan(text);
    return fen >= 0 ? fen : null;
  } catch {
    return null;
  }
}

/** The draft as the body's `application`, or what to fix, field by field. */
export function checkApplication(draft: ApplicationDraft): { application: Application } | { problems: ApplicationProblems } {
  const problems: ApplicationProblems = {};
  const city = draft.city.trim();
  if (!city || city.length > 64) problems.city = strings.join.problem.city;
  const storeSize = parseCount(draft.storeSize);
  if (storeSize === null) problems.storeSize = strings.join.problem.count;
  const teamSize = parseCount(draft.teamSize);
  if (teamSize === null) problems.teamSize = strings.join.problem.count;
  const monthlySalesFen = parseFen(draft.monthlySales);
  if (monthlySalesFen === null) problems.monthlySales = strings.join.problem.money;
  const phone = draft.phone.trim();
  if (!/^1\d{10}$/.test(phone)) problems.phone = strings.join.problem.phone;
  if (!draft.agreementAccepted) problems.agreementAccepted = strings.join.problem.agreement;
  if (Object.keys(problems).length > 0) return { problems };
  return {
    application: {
      city,
      storeSize: storeSize!,
      teamSize: teamSize!,
      monthlySalesFen: monthlySalesFen!,
      phoneSales: draft.phoneSales,
      phone,
      agreementAccepted: true,
    },
  };
}
