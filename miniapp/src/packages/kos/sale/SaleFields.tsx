import { Button, Input, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';

export function CustomerCard({ code, problem, onChange, onScan }: { code: string; problem?: string | null; onChange: (code: string) => void; onScan: () => void }) {
  return (
    <Card title={strings.kos.sale.customerTitle} testId='sale-customer'>
      <View className='row'>
        <Input className='sale__input' value={code} placeholder={strings.kos.sale.customerPlaceholder} onInput={(event) => onChange(event.detail.value)} />
        <Button className='btn-plain sale__scan' size='mini' onClick={onScan}>
          {strings.kos.sale.scan}
        </Button>
      </View>
      {problem ? <Text className='form-field__problem'>{problem}</Text> : <Text className='muted'>{strings.kos.sale.customerHint}</Text>}
    </Card>
  );
}

export function ReceiptCard({ receiptNo, problem, onChange }: { receiptNo: string; problem?: string; onChange: (receiptNo: string) => void }) {
  return (
    <Card title={strings.kos.sale.receiptTitle} testId='sale-receipt'>
      <Input className='sale__input' value={receiptNo} placeholder={strings.kos.sale.receiptPlaceholder} onInput={(event) => onChange(event.detail.value)} />
      {problem ? <Text className='form-field__problem'>{problem}</Text> : null}
    </Card>
  );
}
