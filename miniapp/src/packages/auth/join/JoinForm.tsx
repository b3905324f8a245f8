import { Button, Text, View } from '@tarojs/components';
import type { JoinBody, MemberType } from '@sharecircle/shared';
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';
import { ApplicationForm } from './ApplicationForm';
import { checkApplication, emptyApplication, type ApplicationDraft, type ApplicationProblems } from './application';
import { StorePicker } from './StorePicker';

interface JoinFormProps {
  referralCode: string | null;
  rejectedBefore: boolean;
  submitting: boolean;
  submitError: string | null;
  onSubmit: (body: JoinBody) => void;
}

const TYPES: readonly MemberType[] = ['koc', 'kos', 'external'];

/** KOC joins at once; KOS (with a store) and external distributors file an application for review. */
export function JoinForm({ referralCode, rejectedBefore, submitting, submitError, onSubmit }: JoinFormProps) {
  const [type, setType] = useState<MemberType>('koc');
  const [storeId, setStoreId] = useState<number | null>(null);
  const [storeProblem, setStoreProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<ApplicationDraft>(emptyApplication);
  const [problems, setProblems] = useState<ApplicationProblems>({});
  const applies = type !== 'koc';

  const submit = () => {
    const referral = referralCode ? { referralCode } : {};
    if (!applies) {
      onSubmit({ type, ...referral });
      return;
    }
    const missingStore = type === 'kos' && storeId === null;
    setStoreProblem(missingStore ? strings.join.storeMissing : null);
    const checked = checkApplication(draft);
    setProblems('problems' in checked ? checked.problems : {});
    if (missingStore || 'problems' in checked) return;
    onSubmit({ type, ...referral, ...(type === 'kos' ? { storeId: storeId! } : {}), application: checked.application });
  };

  return (
    <View>
      {rejectedBefore ? <Text className='join__warning join__notice'>{strings.join.rejectedNotice}</Text> : null}
      <Card title={strings.join.typeTitle} testId='join-types'>
        {TYPES.map((value) => (
          <View key={value} className={`join__type ${value === type ? 'join__type--picked' : ''}`} data-testid={`join-type-${value}`} onClick={() => setType(value)}>
            <Text className='join__type-name'>{strings.join.type[value].name}</Text>
            <Text className='muted'>{strings.join.type[value].hint}</Text>
          </View>
        ))}
      </Card>
      {type === 'kos' ? (
        <Card title={strings.join.storeTitle}>
          <StorePicker
            storeId={storeId}
            problem={storeProblem}
            onPick={(picked) => {
              setStoreId(picked);
              setStoreProblem(null);
            }}
          />
        </Card>
      ) : null}
      {applies ? (
        <Card title={strings.join.applicationTitle}>
          <ApplicationForm draft={draft} problems={problems} onChange={setDraft} />
        </Card>
      ) : null}
      <View className='join__actions'>
        {submitError ? (
          <Text className='join__problem' data-testid='join-problem'>
            {submitError}
          </Text>
        ) : null}
        <Button className='btn-primary join__submit' disabled={submitting || undefined} onClick={submit}>
          {submitting ? strings.join.submitting : applies ? strings.join.submitApplication : strings.join.submit}
        </Button>
      </View>
    </View>
  );
}
