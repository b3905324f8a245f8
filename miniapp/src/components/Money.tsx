import { Text } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { strings } from '../strings';
import { formatSignedYuan } from './format';

interface MoneyProps {
  fen: number;
  size?: 'large' | 'normal' | 'small';
  signed?: boolean;
  className?: string;
}

/** Money is integer fen end to end; this is the one place it becomes "¥12.34". */
export function Money({ fen, size = 'normal', signed = false, className = '' }: MoneyProps) {
  const tone = signed ? (fen > 0 ? 'money--plus' : fen < 0 ? 'money--minus' : '') : '';
  return (
    <Text className={`money money--${size} ${tone} ${className}`}>
      {signed ? '' : strings.common.yuanSign}
      {signed ? formatSignedYuan(fen) : formatYuan(fen)}
    </Text>
  );
}
