import { Button, Text, View } from '@tarojs/components';
import { describeError } from '../services/errors';
import { strings } from '../strings';

interface ListFooterProps {
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  onMore: () => void;
}

/** No `loading` prop on the Button: toggling it makes Taro H5's button re-render throw (insertBefore). */
export function ListFooter({ hasMore, loadingMore, moreError, onMore }: ListFooterProps) {
  return (
    <View className='list-footer'>
      {moreError ? <Text className='list-footer__error'>{describeError(moreError)}</Text> : null}
      {hasMore ? (
        <Button className='list-footer__more' size='mini' disabled={loadingMore || undefined} onClick={onMore}>
          {loadingMore ? strings.common.loading : moreError ? strings.common.retry : strings.common.loadMore}
        </Button>
      ) : (
        <Text className='list-footer__end'>{strings.common.noMore}</Text>
      )}
    </View>
  );
}
