import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface CardProps {
  title?: string;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

export function Card({ title, extra, children, className = '', testId }: CardProps) {
  return (
    <View className={`card ${className}`} data-testid={testId}>
      {title || extra ? (
        <View className='card__head'>
          {title ? <Text className='card__title'>{title}</Text> : <View />}
          {extra}
        </View>
      ) : null}
      <View className='card__body'>{children}</View>
    </View>
  );
}
