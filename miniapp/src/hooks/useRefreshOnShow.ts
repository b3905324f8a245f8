import Taro from '@tarojs/taro';
import { useRef } from 'react';

/**
 * Tab pages stay mounted: reload when the user comes back to one (after a withdrawal, say),
 * and on pull-down. The first show is the mount, which loads already.
 */
export function useRefreshOnShow(reload: () => Promise<unknown>): void {
  const shownOnce = useRef(false);
  Taro.useDidShow(() => {
    if (shownOnce.current) void reload();
    shownOnce.current = true;
  });
  Taro.usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
}
