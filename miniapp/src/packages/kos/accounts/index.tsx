import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import type { PlatformAccountBody } from '../../../services/api';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';
import { usePlatformAccounts } from '../hooks/usePlatformAccounts';
import { AccountForm, newAccountDraft, type AccountDraft } from './AccountForm';
import { AccountList } from './AccountList';
import './index.scss';

function explainSaveError(error: unknown): string {
  if (isApiError(error) && strings.kos.accounts.refusal[error.code]) return strings.kos.accounts.refusal[error.code];
  return describeError(error);
}

/** A KOS' accounts on Douyin, Xiaohongshu, Channels and Kuaishou, and their fans; HQ reads them as a matrix. */
export default function PlatformAccountsPage() {
  const { accounts, saving, saveError, save } = usePlatformAccounts();
  const [draft, setDraft] = useState<AccountDraft>(newAccountDraft);

  const submit = async (body: PlatformAccountBody) => {
    if (!(await save(body))) return;
    setDraft(newAccountDraft);
    void Taro.showToast({ title: strings.kos.accounts.saved, icon: 'success' });
  };

  let list;
  if (accounts.status === 'loading') list = <Loading />;
  else if (accounts.status === 'error') list = <ErrorState error={accounts.error} onRetry={accounts.reload} />;
  else if (accounts.data.items.length === 0)
    list = (
      <Card>
        <EmptyState text={strings.kos.accounts.empty} />
      </Card>
    );
  else
    list = (
      <AccountList
        accounts={accounts.data.items}
        onUpdate={(account) => setDraft({ platform: account.platform, handle: account.handle, fans: String(account.fans), existing: true })}
      />
    );

  return (
    <View className='page accounts'>
      {list}
      {accounts.status === 'ready' ? (
        <AccountForm draft={draft} saving={saving} saveError={saveError ? explainSaveError(saveError) : null} onChange={setDraft} onReset={() => setDraft(newAccountDraft)} onSave={(body) => void submit(body)} />
      ) : null}
    </View>
  );
}
