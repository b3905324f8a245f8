import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { TextField } from '../../../components/Form';
import { strings } from '../../../strings';

/** Matches the decision schemas on the server: a reason or note of 1 to 500 characters. */
export const REASON_LENGTH_MAX = 500;

interface ReasonFormProps {
  label?: string;
  placeholder?: string;
  submitText: string;
  busy: boolean;
  /** An optional reason may be left empty (revoking group-admin rights). */
  optional?: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}

/** Written in the page, not in a modal: Taro's H5 modal has no text field. */
export function ReasonForm({ label = strings.manager.reason.label, placeholder = strings.manager.reason.placeholder, submitText, busy, optional = false, onSubmit, onCancel }: ReasonFormProps) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const text = reason.trim();
    if (!text && !optional) {
      setProblem(strings.manager.reason.missing);
      return;
    }
    onSubmit(text);
  };

  return (
    <View className='reason-form' data-testid='reason-form'>
      <TextField
        label={label}
        value={reason}
        placeholder={placeholder}
        problem={problem}
        multiline={{ maxLength: REASON_LENGTH_MAX }}
        onChange={(value) => {
          setReason(value);
          setProblem(null);
        }}
      />
      <View className='row reason-form__actions'>
        <Button className='btn-plain reason-form__button' size='mini' onClick={onCancel}>
          {strings.manager.reason.cancel}
        </Button>
        <Button className='btn-primary reason-form__button' size='mini' disabled={busy || undefined} onClick={submit}>
          {submitText}
        </Button>
      </View>
    </View>
  );
}
