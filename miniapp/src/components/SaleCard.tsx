import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { SaleView } from '../services/api';
import { strings } from '../strings';
import { Card } from './Card';
import { formatDateTime } from './format';
import { Money } from './Money';

function statusTone(status: SaleView['status']): string {
  if (status === 'paid') return '';
  if (status === 'voided' || status === 'refunded' || status === 'closed') return 'tag--danger';
  return 'tag--warn';
}

export function SaleStatus({ status }: { status: SaleView['status'] }) {
  return <Text className={`tag ${statusTone(status)}`}>{strings.saleCard.status[status] ?? status}</Text>;
}

/** A sale with its lines, as a clerk or store manager checks it against the receipt; `children` holds actions. */
export function SaleCard({ sale, title, children, testId }: { sale: SaleView; title?: string; children?: ReactNode; testId?: string }) {
  return (
    <Card title={title ?? strings.saleCard.title(sale.id)} extra={<SaleStatus status={sale.status} />} testId={testId}>
      <View className='row sale__meta'>
        <Text className='muted'>{sale.receiptNo ? strings.saleCard.receipt(sale.receiptNo) : strings.saleCard.online}</Text>
        <Text className='muted'>{formatDateTime(sale.createdAt)}</Text>
      </View>
      {sale.lines.map((line) => (
        <View className='sale__line' key={line.id}>
          <View className='row'>
            <Text className='sale__line-name'>{strings.saleCard.line(line.name || line.sku, line.quantity)}</Text>
            <Money fen={line.amountFen} size='small' />
          </View>
          {line.refundedQty > 0 ? <Text className='sale__refunded'>{strings.saleCard.lineRefunded(line.refundedQty)}</Text> : null}
        </View>
      ))}
      <View className='row sale__total'>
        <Text>{strings.saleCard.total}</Text>
        <Money fen={sale.totalFen} />
      </View>
      {sale.refundedFen > 0 ? (
        <View className='row'>
          <Text className='muted'>{strings.saleCard.refunded}</Text>
          <Money fen={sale.refundedFen} size='small' className='sale__refunded' />
        </View>
      ) : null}
      {children}
    </Card>
  );
}
