import { Button, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';

interface CustomerChoiceProps {
  binding: boolean;
  problem: string | null;
  onBind: () => void;
}

/** The third way in, for a buyer: become the inviter's customer instead of a distributor. */
export function CustomerChoice({ binding, problem, onBind }: CustomerChoiceProps) {
  const s = strings.customerPath;
  return (
    <Card title={s.title} testId='join-customer'>
      <Text className='join__body join__body--first'>{s.body}</Text>
      {problem ? (
        <Text className='join__problem' data-testid='customer-problem'>
          {problem}
        </Text>
      ) : null}
      <Button className='btn-plain join__submit' disabled={binding || undefined} onClick={onBind}>
        {binding ? s.binding : s.action}
      </Button>
    </Card>
  );
}

/** Bound: the customer code, large, for the clerk at the till to scan or type into record-a-sale, and the shop to buy online. */
export function CustomerCode({ inviter, customerCode, onShop, onHome }: { inviter: string; customerCode: string; onShop: () => void; onHome: () => void }) {
  const s = strings.customerPath;
  return (
    <Card title={s.boundTitle(inviter)} testId='customer-code'>
      <View className='customer-code'>
        <Text className='muted'>{s.codeLabel}</Text>
        <Text className='customer-code__value' userSelect>
          {customerCode}
        </Text>
      </View>
      <Text className='join__body'>{s.codeHint}</Text>
      <Button className='btn-primary join__submit' onClick={onShop}>
        {strings.home.shopAction}
      </Button>
      <Button className='btn-plain join__submit' onClick={onHome}>
        {strings.join.toHome}
      </Button>
    </Card>
  );
}
