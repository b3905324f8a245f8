import { View } from '@tarojs/components';
import { Checkbox, FormField, Segmented, TextField } from '../../../components/Form';
import { strings } from '../../../strings';
import type { ApplicationDraft, ApplicationProblems } from './application';

interface ApplicationFormProps {
  draft: ApplicationDraft;
  problems: ApplicationProblems;
  onChange: (draft: ApplicationDraft) => void;
}

const phoneSalesOptions = [
  { value: true, label: strings.join.yes },
  { value: false, label: strings.join.no },
];

/** The distributor application (applicationSchema): KOS and external distributors file it, a reviewer reads it. */
export function ApplicationForm({ draft, problems, onChange }: ApplicationFormProps) {
  const set = <K extends keyof ApplicationDraft>(key: K) => (value: ApplicationDraft[K]) => onChange({ ...draft, [key]: value });
  const { field, placeholder } = strings.join;
  return (
    <View data-testid='join-application'>
      <TextField label={field.city} value={draft.city} placeholder={placeholder.city} problem={problems.city} onChange={set('city')} />
      <TextField label={field.storeSize} type='number' value={draft.storeSize} placeholder={placeholder.storeSize} problem={problems.storeSize} onChange={set('storeSize')} />
      <TextField label={field.teamSize} type='number' value={draft.teamSize} placeholder={placeholder.teamSize} problem={problems.teamSize} onChange={set('teamSize')} />
      <TextField label={field.monthlySales} type='digit' value={draft.monthlySales} placeholder={placeholder.monthlySales} problem={problems.monthlySales} onChange={set('monthlySales')} />
      <FormField label={field.phoneSales}>
        <Segmented options={phoneSalesOptions} value={draft.phoneSales} onChange={set('phoneSales')} />
      </FormField>
      <TextField label={field.phone} type='number' value={draft.phone} placeholder={placeholder.phone} problem={problems.phone} onChange={set('phone')} />
      <FormField problem={problems.agreementAccepted}>
        <Checkbox checked={draft.agreementAccepted} label={strings.join.agreement} onChange={set('agreementAccepted')} testId='join-agreement' />
      </FormField>
    </View>
  );
}
