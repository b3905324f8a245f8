import { View } from '@tarojs/components';
import { progressPercent } from './conditions';

export function ProgressBar({ current, target }: { current: number; target: number }) {
  return (
    <View className='progress-bar'>
      <View className='progress-bar__fill' style={{ width: `${progressPercent(current, target)}%` }} />
    </View>
  );
}
