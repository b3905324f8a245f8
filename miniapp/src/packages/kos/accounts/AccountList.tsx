import { Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import type { PlatformAccount } from '../../../services/api';
import { strings } from '../../../strings';

export function AccountList({ accounts, onUpdate }: { accounts: readonly PlatformAccount[]; onUpdate: (account: PlatformAccount) => void }) {
  const a = strings.kos.accounts;
  return (
    <Card title={a.listTitle} testId='account-list'>
      {accounts.map((account) => (
        <View className='account' key={account.id} data-testid={`account-${account.id}`}>
          <View className='row'>
            <Text className='account__name'>
              {strings.kos.platform[account.platform] ?? account.platform} · {account.handle}
            </Text>
            {account.quiet ? <Text className='tag tag--warn'>{a.quiet}</Text> : null}
          </View>
          <View className='row'>
            <Text className='muted'>
              {a.fans(account.fans)} · {a.updatedAt(formatDate(account.updatedAt))}
            </Text>
            <Text className='link' onClick={() => onUpdate(account)}>
              {a.update}
            </Text>
          </View>
        </View>
      ))}
      {accounts.some((account) => account.quiet) ? <Text className='muted account__hint'>{a.quietHint}</Text> : null}
    </Card>
  );
}
