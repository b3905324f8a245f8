import { Button, Text, View } from '@tarojs/components';
import { PLATFORMS, type Platform } from '@sharecircle/shared';
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { FormField, Segmented, TextField } from '../../../components/Form';
import type { PlatformAccountBody } from '../../../services/api';
import { strings } from '../../../strings';

const HANDLE_MAX = 60;
const platformOptions = PLATFORMS.map((platform) => ({ value: platform, label: strings.kos.platform[platform] ?? platform }));

/** What is in the form: a fresh account, or an existing one (platform and handle fixed) to update the fans of. */
export interface AccountDraft {
  platform: Platform;
  handle: string;
  fans: string;
  existing: boolean;
}

export const newAccountDraft: AccountDraft = { platform: 'douyin', handle: '', fans: '', existing: false };

interface AccountFormProps {
  draft: AccountDraft;
  saving: boolean;
  saveError: string | null;
  onChange: (draft: AccountDraft) => void;
  onReset: () => void;
  onSave: (body: PlatformAccountBody) => void;
}

export function AccountForm({ draft, saving, saveError, onChange, onReset, onSave }: AccountFormProps) {
  const [problems, setProblems] = useState<{ handle?: string; fans?: string }>({});
  const a = strings.kos.accounts;

  const save = () => {
    const handle = draft.handle.trim();
    const fans = /^\d{1,10}$/.test(draft.fans.trim()) ? Number(draft.fans.trim()) : null;
    const found = {
      ...(handle && handle.length <= HANDLE_MAX ? {} : { handle: a.problem.handle }),
      ...(fans === null ? { fans: a.problem.fans } : {}),
    };
    setProblems(found);
    if (found.handle || found.fans || fans === null) return;
    onSave({ platform: draft.platform, handle, fans });
  };

  return (
    <Card
      title={draft.existing ? a.formUpdateTitle : a.formTitle}
      extra={
        draft.existing ? (
          <Text className='link' onClick={onReset}>
            {a.newAccount}
          </Text>
        ) : null
      }
      testId='account-form'
    >
      <FormField label={a.platform}>
        {draft.existing ? (
          <Text>{strings.kos.platform[draft.platform]}</Text>
        ) : (
          <Segmented options={platformOptions} value={draft.platform} onChange={(platform) => onChange({ ...draft, platform })} />
        )}
      </FormField>
      {draft.existing ? (
        <FormField label={a.handle}>
          <Text>{draft.handle}</Text>
        </FormField>
      ) : (
        <TextField label={a.handle} value={draft.handle} placeholder={a.handlePlaceholder} problem={problems.handle} onChange={(handle) => onChange({ ...draft, handle })} />
      )}
      <TextField label={a.fansLabel} type='number' value={draft.fans} placeholder={a.fansPlaceholder} problem={problems.fans} onChange={(fans) => onChange({ ...draft, fans })} />
      <View className='account__actions'>
        {saveError ? (
          <Text className='form-field__problem' data-testid='account-problem'>
            {saveError}
          </Text>
        ) : null}
        <Button className='btn-primary' disabled={saving || undefined} onClick={save}>
          {saving ? a.saving : a.save}
        </Button>
      </View>
    </Card>
  );
}
