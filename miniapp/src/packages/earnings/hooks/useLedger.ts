import { usePaged } from '../../../hooks/usePaged';
import { api, type LedgerLine } from '../../../services/api';

export function useLedger() {
  return usePaged<LedgerLine>((cursor) => api.ledger({ cursor }), []);
}
