import { Text } from '@tarojs/components';
import { SaleCard } from '../../../components/SaleCard';
import { strings } from '../../../strings';
import type { RecordOutcome } from '../hooks/useRecordSale';

/** What the last submit did: the sale just recorded, or the one that already carries this receipt number. */
export function SaleOutcome({ outcome }: { outcome: RecordOutcome }) {
  if (outcome.kind === 'recorded') return <SaleCard sale={outcome.sale} title={strings.kos.sale.recordedTitle} testId='sale-recorded' />;
  return (
    <SaleCard sale={outcome.sale} title={strings.kos.sale.duplicateTitle} testId='sale-duplicate'>
      <Text className='muted'>{strings.kos.sale.duplicateBody}</Text>
    </SaleCard>
  );
}
