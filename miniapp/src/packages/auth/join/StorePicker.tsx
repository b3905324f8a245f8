import { Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { strings } from '../../../strings';
import { useStores } from '../hooks/useJoin';

/** The stores a KOS can belong to (GET /stores), loaded when the user picks KOS. */
export function StorePicker({ storeId, problem, onPick }: { storeId: number | null; problem?: string | null; onPick: (storeId: number) => void }) {
  const stores = useStores();
  if (stores.status === 'loading') return <Loading />;
  if (stores.status === 'error') return <ErrorState error={stores.error} onRetry={stores.reload} />;
  if (stores.data.items.length === 0) return <EmptyState text={strings.join.storesEmpty} />;
  return (
    <View data-testid='join-stores'>
      {stores.data.items.map((store) => (
        <View key={store.id} className={`join__store ${store.id === storeId ? 'join__store--picked' : ''}`} onClick={() => onPick(store.id)}>
          <Text className='join__store-name'>{store.name}</Text>
          {store.address ? <Text className='muted'>{store.address}</Text> : null}
        </View>
      ))}
      {problem ? <Text className='join__problem'>{problem}</Text> : null}
    </View>
  );
}
