import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/**
 * Fixed to the bottom of the page, above the home indicator of notched phones: long lists (a catalog)
 * keep the total and the action in reach. The page leaves room under its last card (`.page--with-bottom-bar`).
 */
export function BottomBar({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <View className='bottom-bar' data-testid={testId}>
      {children}
    </View>
  );
}
