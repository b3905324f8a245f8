import { Button, View } from '@tarojs/components';
import { REPORT_REASONS, referralCodeSchema, type ReportReason } from '@sharecircle/shared';
import { useState } from 'react';
import { Checkbox, FormField, TextField } from '../../../components/Form';
import type { ReportBody } from '../../../services/api';
import { strings } from '../../../strings';

const text = strings.compete.report;
const EVIDENCE_LENGTH_MAX = 1000;

interface ReportFormProps {
  submitting: boolean;
  submitError: string | null;
  /** Answers whether the report went through, so the form empties only then. */
  onSubmit: (report: ReportBody) => Promise<boolean>;
}

export function ReportForm({ submitting, submitError, onSubmit }: ReportFormProps) {
  const [code, setCode] = useState('');
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [evidence, setEvidence] = useState('');
  const [problems, setProblems] = useState<{ code?: string; reason?: string }>({});

  const submit = async () => {
    const memberCode = code.trim();
    const found = {
      code: referralCodeSchema.safeParse(memberCode).success ? undefined : text.problem.code,
      reason: reason ? undefined : text.problem.reason,
    };
    setProblems(found);
    if (found.code || found.reason || !reason) return;
    const filed = await onSubmit({ memberCode, reason, ...(evidence.trim() ? { evidence: evidence.trim() } : {}) });
    if (!filed) return;
    setCode('');
    setReason(null);
    setEvidence('');
  };

  return (
    <View data-testid='report-form'>
      <TextField label={text.code} value={code} placeholder={text.codePlaceholder} problem={problems.code} onChange={setCode} />
      <FormField label={text.reason} problem={problems.reason} testId='report-reasons'>
        {REPORT_REASONS.map((value) => (
          <Checkbox key={value} checked={reason === value} label={text.reasons[value]} onChange={() => setReason(value)} />
        ))}
      </FormField>
      <TextField label={text.evidence} value={evidence} placeholder={text.evidencePlaceholder} multiline={{ maxLength: EVIDENCE_LENGTH_MAX }} problem={submitError} onChange={setEvidence} />
      <Button className='btn-primary report__submit' disabled={submitting || undefined} onClick={submit}>
        {submitting ? text.submitting : text.submit}
      </Button>
    </View>
  );
}
