import { Button, Text, View } from '@tarojs/components';
import { describeError, isApiError } from '../services/errors';
import { strings } from '../strings';

export function Loading({ text = strings.common.loading }: { text?: string }) {
  return (
    <View className='state state--loading' data-testid='state-loading'>
      <View className='state__spinner' />
      <Text className='state__text'>{text}</Text>
    </View>
  );
}

export function ErrorState({ error, message, onRetry }: { error?: unknown; message?: string; onRetry?: () => void }) {
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <View className='state state--error' data-testid='state-error'>
      <Text className='state__title'>{strings.errors.title}</Text>
      <Text className='state__text'>{message ?? describeError(error)}</Text>
      {requestId ? <Text className='state__hint'>{strings.errors.requestId(requestId)}</Text> : null}
      {onRetry ? (
        <Button className='state__action' size='mini' onClick={onRetry}>
          {strings.common.retry}
        </Button>
      ) : null}
    </View>
  );
}

export function EmptyState({ text, title, actionText, onAction }: { text: string; title?: string; actionText?: string; onAction?: () => void }) {
  return (
    <View className='state state--empty' data-testid='state-empty'>
      {title ? <Text className='state__title'>{title}</Text> : null}
      <Text className='state__text'>{text}</Text>
      {actionText && onAction ? (
        <Button className='state__action state__action--primary' size='mini' onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}
