import { Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { Card } from '../../../components/Card';
import { formatDate, formatPercent } from '../../../components/format';
import { Money } from '../../../components/Money';
import type { CommissionView } from '../../../services/api';
import { strings } from '../../../strings';

type Line = CommissionView['explanation']['lines'][number];

/** How one line's commission was computed, in words: fixed per unit, or base times rate rounded down. */
export function explainLine(line: Line): string {
  if (line.perUnitFen !== null) return strings.commission.explainFixed(formatYuan(line.perUnitFen), line.quantity, formatYuan(line.resultFen));
  if (line.rateBp !== null) return strings.commission.explainRate(formatYuan(line.baseFen), formatPercent(line.rateBp), formatYuan(line.resultFen));
  return `¥${formatYuan(line.resultFen)}`;
}

export function CommissionDetail({ saleId, commissions }: { saleId: number; commissions: CommissionView[] }) {
  return (
    <View>
      <View className='commission-detail__head'>
        <Text className='commission-detail__title'>{strings.commission.title(saleId)}</Text>
      </View>
      {commissions.map((commission) => (
        <Card key={commission.id} title={strings.earnings.tier[commission.tier]} extra={<Money fen={commission.amountFen - commission.reversedFen} />} testId='commission-card'>
          <View className='row'>
            <Text className={`tag ${commission.status === 'settled' ? '' : 'tag--warn'}`}>{strings.earnings.status[commission.status]}</Text>
            <Text className='muted'>
              {commission.settledAt ? strings.earnings.settledAt(formatDate(commission.settledAt)) : strings.earnings.settleAt(formatDate(commission.settleAt))}
            </Text>
          </View>
          {commission.reversedFen > 0 ? <Text className='commission-detail__reversed'>{strings.earnings.reversed(formatYuan(commission.reversedFen))}</Text> : null}
          <Text className='muted commission-detail__seller'>
            {commission.tier === 1 ? strings.commission.sellerSelf : strings.commission.sellerDownline(commission.explanation.sellerMemberId)}
            {commission.explanation.shareBp < 10_000 ? ` · ${strings.commission.share(formatPercent(commission.explanation.shareBp))}` : ''}
          </Text>
          {commission.explanation.lines.map((line) => (
            <View className='commission-line' key={line.lineId} data-testid='commission-line'>
              <View className='row'>
                <Text className='commission-line__sku'>{strings.commission.line(line.skuCode, line.quantity)}</Text>
                <Text className='tag tag--muted'>{strings.commission.rule[line.rule] ?? line.rule}</Text>
              </View>
              <Text className='commission-line__explain'>{explainLine(line)}</Text>
            </View>
          ))}
        </Card>
      ))}
    </View>
  );
}
