import { Text, View } from '@tarojs/components';

interface StepperProps {
  value: number;
  min?: number;
  max: number;
  onChange: (value: number) => void;
  testId?: string;
}

/** − n + for a whole quantity between min and max. */
export function Stepper({ value, min = 0, max, onChange, testId }: StepperProps) {
  const canLower = value > min;
  const canRaise = value < max;
  return (
    <View className='stepper' data-testid={testId}>
      <View className={`stepper__button ${canLower ? '' : 'stepper__button--off'}`} data-testid={testId ? `${testId}-minus` : undefined} onClick={() => canLower && onChange(value - 1)}>
        <Text>−</Text>
      </View>
      <Text className='stepper__value'>{value}</Text>
      <View className={`stepper__button ${canRaise ? '' : 'stepper__button--off'}`} data-testid={testId ? `${testId}-plus` : undefined} onClick={() => canRaise && onChange(value + 1)}>
        <Text>+</Text>
      </View>
    </View>
  );
}
