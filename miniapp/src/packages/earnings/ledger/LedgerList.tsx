import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { formatDateTime } from '../../../components/format';
import { ListFooter } from '../../../components/ListFooter';
import { Money } from '../../../components/Money';
import type { PagedState } from '../../../hooks/usePaged';
import type { LedgerLine } from '../../../services/api';
import { strings } from '../../../strings';

/** A line's title comes from its kind (the server's memo may be English); unknown kinds show the memo. */
export function ledgerTitle(line: LedgerLine): string {
  const label = strings.ledger.kind[line.kind] ?? line.reason;
  return line.refType && line.refId !== null ? `${label} · ${strings.ledger.ref(line.refType, line.refId)}` : label;
}

export interface LedgerRow {
  key: number;
  title: string;
  at: string;
  /** What the member sees move: the available posting when there is one (that is what they can withdraw). */
  amountFen: number;
  accounts: string;
}

const accountName = (account: string) => strings.ledger.account[account] ?? account;

/**
 * One row per ledger entry: settling commission is two postings (pending -x, available +x) but one
 * event to the member, shown as "冻结 → 可提现 +x". Postings arrive newest first, grouped by entry.
 */
export function ledgerRows(lines: LedgerLine[]): LedgerRow[] {
  const groups: LedgerLine[][] = [];
  for (const line of lines) {
    const last = groups[groups.length - 1];
    if (last && last[0].entryId === line.entryId) last.push(line);
    else groups.push([line]);
  }
  return groups.map((group) => {
    const first = group[0];
    const shown = group.find((line) => line.account === 'available') ?? first;
    const from = group.filter((line) => line.amountFen < 0).map((line) => accountName(line.account));
    const to = group.filter((line) => line.amountFen > 0).map((line) => accountName(line.account));
    const accounts = group.length > 1 && from.length && to.length ? strings.ledger.move(from.join('、'), to.join('、')) : accountName(first.account);
    return { key: first.postingId, title: ledgerTitle(first), at: first.at, amountFen: shown.amountFen, accounts };
  });
}

export function LedgerList({ ledger }: { ledger: PagedState<LedgerLine> }) {
  return (
    <Card>
      {ledgerRows(ledger.items).map((row) => (
        <View className='ledger-line' key={row.key} data-testid='ledger-row'>
          <View className='row'>
            <Text className='ledger-line__title'>{row.title}</Text>
            <Money fen={row.amountFen} signed />
          </View>
          <View className='row'>
            <Text className='muted'>{formatDateTime(row.at)}</Text>
            <Text className='tag tag--muted'>{row.accounts}</Text>
          </View>
        </View>
      ))}
      <ListFooter hasMore={ledger.hasMore} loadingMore={ledger.loadingMore} moreError={ledger.moreError} onMore={ledger.loadMore} />
    </Card>
  );
}
