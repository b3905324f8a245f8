import { Button, Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { BalanceGrid } from '../../components/BalanceGrid';
import { Card } from '../../components/Card';
import { formatDate } from '../../components/format';
import { ListFooter } from '../../components/ListFooter';
import { Money } from '../../components/Money';
import { EmptyState } from '../../components/StateViews';
import type { PagedState } from '../../hooks/usePaged';
import type { BalancesView, CommissionView } from '../../services/api';
import { strings } from '../../strings';

interface EarningsViewProps {
  balances: BalancesView;
  commissions: PagedState<CommissionView>;
  onWithdraw: () => void;
  onLedger: () => void;
  onOpenSale: (saleId: number) => void;
}

export function EarningsView({ balances, commissions, onWithdraw, onLedger, onOpenSale }: EarningsViewProps) {
  return (
    <View>
      <Card testId='earnings-balances'>
        <BalanceGrid balances={balances} />
        <View className='earnings__actions'>
          <Button className='btn-primary earnings__action' onClick={onWithdraw}>
            {strings.earnings.withdrawAction}
          </Button>
          <Button className='btn-plain earnings__action' onClick={onLedger}>
            {strings.earnings.ledgerAction}
          </Button>
        </View>
      </Card>

      <Card title={strings.earnings.commissionsTitle} testId='earnings-commissions'>
        {commissions.items.length === 0 ? (
          <EmptyState text={strings.earnings.commissionsEmpty} />
        ) : (
          <View>
            {commissions.items.map((item) => (
              <View className='commission' key={item.id} onClick={() => onOpenSale(item.saleId)} data-testid='commission-row'>
                <View className='row'>
                  <Text className='commission__title'>
                    {strings.earnings.sale(item.saleId)} · {strings.earnings.tier[item.tier]}
                  </Text>
                  <Money fen={item.amountFen - item.reversedFen} />
                </View>
                <View className='row commission__meta'>
                  <Text className={`tag ${item.status === 'settled' ? '' : 'tag--warn'}`}>{strings.earnings.status[item.status]}</Text>
                  <Text className='muted'>
                    {item.settledAt ? strings.earnings.settledAt(formatDate(item.settledAt)) : strings.earnings.settleAt(formatDate(item.settleAt))}
                  </Text>
                </View>
                {item.reversedFen > 0 ? <Text className='commission__reversed'>{strings.earnings.reversed(formatYuan(item.reversedFen))}</Text> : null}
                <Text className='link commission__detail'>{strings.earnings.viewDetail} ›</Text>
              </View>
            ))}
            <ListFooter hasMore={commissions.hasMore} loadingMore={commissions.loadingMore} moreError={commissions.moreError} onMore={commissions.loadMore} />
          </View>
        )}
      </Card>
    </View>
  );
}
