import { Button, View } from '@tarojs/components';
import { addressBodySchema } from '@sharecircle/shared';
import { useState } from 'react';
import { TextField } from '../../../components/Form';
import type { AddressBody } from '../../../services/api';
import { strings } from '../../../strings';

type Field = keyof AddressBody;
const FIELDS: Field[] = ['recipient', 'phone', 'address'];
const text = strings.growth.rewards.address;

/** Each field checked with the rule the server applies to it (addressBodySchema). */
function problemsOf(address: AddressBody): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    if (!addressBodySchema.shape[field].safeParse(address[field].trim()).success) problems[field] = text.problem[field];
  }
  return problems;
}

interface AddressFormProps {
  initial?: AddressBody;
  submitting: boolean;
  onSubmit: (address: AddressBody) => void;
}

export function AddressForm({ initial, submitting, onSubmit }: AddressFormProps) {
  const [address, setAddress] = useState<AddressBody>(initial ?? { recipient: '', phone: '', address: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const change = (field: Field) => (value: string) => {
    setAddress((current) => ({ ...current, [field]: value }));
    setProblems((current) => ({ ...current, [field]: undefined }));
  };

  const submit = () => {
    const found = problemsOf(address);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({ recipient: address.recipient.trim(), phone: address.phone.trim(), address: address.address.trim() });
  };

  return (
    <View className='address-form' data-testid='address-form'>
      <TextField label={text.recipient} value={address.recipient} placeholder={text.recipientPlaceholder} problem={problems.recipient} onChange={change('recipient')} />
      <TextField label={text.phone} type='number' value={address.phone} placeholder={text.phonePlaceholder} problem={problems.phone} onChange={change('phone')} />
      <TextField label={text.address} value={address.address} placeholder={text.addressPlaceholder} problem={problems.address} multiline={{ maxLength: 200 }} onChange={change('address')} />
      <Button className='btn-primary address-form__submit' disabled={submitting || undefined} onClick={submit}>
        {submitting ? text.submitting : text.submit}
      </Button>
    </View>
  );
}
