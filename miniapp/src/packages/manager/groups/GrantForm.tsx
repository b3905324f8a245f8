import { Button, Text, View } from '@tarojs/components';
import { GROUP_ADMIN_SCOPES, type GroupAdminScope } from '@sharecircle/shared';
import { useState } from 'react';
import { FormField, Segmented, TextField } from '../../../components/Form';
import type { GrantAdminBody } from '../../../services/api';
import { strings } from '../../../strings';

const scopeOptions = GROUP_ADMIN_SCOPES.map((scope) => ({ value: scope, label: strings.manager.groups.scope[scope] }));

/** The grantAdminBodySchema bounds: a member id, a scope, and optionally the level to keep (1-20). */
export function GrantForm({ busy, onGrant }: { busy: boolean; onGrant: (body: GrantAdminBody) => void }) {
  const g = strings.manager.groups;
  const [memberId, setMemberId] = useState('');
  const [scope, setScope] = useState<GroupAdminScope>('moderation');
  const [level, setLevel] = useState('');
  const [problems, setProblems] = useState<{ memberId?: string; level?: string }>({});

  const grant = () => {
    const id = /^\d{1,15}$/.test(memberId.trim()) && Number(memberId.trim()) > 0 ? Number(memberId.trim()) : null;
    const requiredLevel = level.trim() === '' ? undefined : /^\d{1,2}$/.test(level.trim()) ? Number(level.trim()) : NaN;
    const found = {
      ...(id === null ? { memberId: g.memberIdInvalid } : {}),
      ...(requiredLevel !== undefined && !(requiredLevel >= 1 && requiredLevel <= 20) ? { level: g.requiredLevelInvalid } : {}),
    };
    setProblems(found);
    if (id === null || found.level) return;
    onGrant({ memberId: id, scope, ...(requiredLevel !== undefined ? { requiredLevel } : {}) });
  };

  return (
    <View className='grant-form' data-testid='grant-form'>
      <Text className='grant-form__title'>{g.grantTitle}</Text>
      <TextField label={g.memberId} type='number' value={memberId} placeholder={g.memberIdPlaceholder} problem={problems.memberId} onChange={setMemberId} />
      <FormField label={g.scopeLabel}>
        <Segmented options={scopeOptions} value={scope} onChange={setScope} />
      </FormField>
      <TextField label={g.requiredLevel} type='number' value={level} placeholder={g.requiredLevelPlaceholder} problem={problems.level} onChange={setLevel} />
      <View className='item-actions'>
        <Button className='btn-primary item-actions__button' size='mini' disabled={busy || undefined} onClick={grant}>
          {g.grant}
        </Button>
      </View>
    </View>
  );
}
