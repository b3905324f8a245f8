import { Button, Text, View } from '@tarojs/components';
import { BottomBar } from '../../../components/BottomBar';
import { Money } from '../../../components/Money';
import { strings } from '../../../strings';

interface SubmitBarProps {
  /** null while a price is not a valid amount. */
  totalFen: number | null;
  /** From the preview, once it answered. */
  myCommissionFen: number | null;
  problem: string | null;
  submitting: boolean;
  onSubmit: () => void;
}

/** The total, the clerk's commission and the submit button, in the bar fixed under the catalog. */
export function SubmitBar({ totalFen, myCommissionFen, problem, submitting, onSubmit }: SubmitBarProps) {
  return (
    <BottomBar testId='sale-bar'>
      {problem ? (
        <Text className='form-field__problem sale-bar__problem' data-testid='sale-problem'>
          {problem}
        </Text>
      ) : null}
      <View className='row'>
        <View className='sale-bar__sums'>
          <View>
            <Text className='sale-bar__label'>{strings.kos.sale.previewTotal}</Text>
            {totalFen === null ? <Text className='muted'>—</Text> : <Money fen={totalFen} />}
          </View>
          {myCommissionFen !== null ? (
            <View>
              <Text className='muted'>{strings.kos.sale.previewMine}</Text>
              <Money fen={myCommissionFen} size='small' className='preview__mine' />
            </View>
          ) : null}
        </View>
        <Button className='btn-primary sale-bar__submit' disabled={submitting || undefined} onClick={onSubmit}>
          {submitting ? strings.kos.sale.submitting : strings.kos.sale.submit}
        </Button>
      </View>
    </BottomBar>
  );
}
