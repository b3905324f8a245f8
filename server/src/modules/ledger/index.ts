export { createLedgerService, assertBalanced, type LedgerService, type EntryInput, type Posting, type AccountRef, type Balances } from './ledger.service';
export { verifyLedger, liability, type VerifyReport } from './ledger.queries';
export { ledgerRoutes } from './ledger.routes';
export type { MemberAccountKind, PlatformAccountKind } from './ledger.tables';
