import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { TextField } from '../../../components/Form';
import { strings } from '../../../strings';
import { useProofImages } from '../hooks/useProofImages';
import { ProofImagesField } from './ProofImagesField';
import { checkProof, emptyProof, METRICS, type ProofDraft, type ProofProblems, type SubmissionBody } from './proof';

interface ProofFormProps {
  sending: boolean;
  sendError: string | null;
  onSend: (body: SubmissionBody) => void;
}

/** Proof of one post: its link or screenshots of it (or both), an optional note, and optionally its figures. */
export function ProofForm({ sending, sendError, onSend }: ProofFormProps) {
  const [draft, setDraft] = useState<ProofDraft>(emptyProof);
  const [problems, setProblems] = useState<ProofProblems>({});
  const images = useProofImages();
  const t = strings.kos.tasks;

  const send = () => {
    const checked = checkProof(draft, images.urls);
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    onSend(checked.body);
  };

  return (
    <View className='proof' data-testid='proof-form'>
      <TextField label={t.url} value={draft.url} placeholder={t.urlPlaceholder} problem={problems.url} onChange={(url) => setDraft({ ...draft, url })} />
      <ProofImagesField {...images} />
      <TextField label={t.note} value={draft.note} placeholder={t.notePlaceholder} problem={problems.note} onChange={(note) => setDraft({ ...draft, note })} />
      <Text className='muted proof__metrics-title'>{t.metricsTitle}</Text>
      <View className='proof__metrics'>
        {METRICS.map((metric) => (
          <View className='proof__metric' key={metric}>
            <TextField
              label={t.metric[metric]}
              type='number'
              value={draft.metrics[metric]}
              placeholder={t.metric[metric]}
              problem={problems[metric]}
              onChange={(value) => setDraft({ ...draft, metrics: { ...draft.metrics, [metric]: value } })}
            />
          </View>
        ))}
      </View>
      {sendError ? (
        <Text className='form-field__problem' data-testid='proof-problem'>
          {sendError}
        </Text>
      ) : null}
      <Button className='btn-primary proof__send' disabled={sending || images.uploading || undefined} onClick={send}>
        {sending ? t.sending : images.uploading ? strings.taskProof.waitForUploads : t.send}
      </Button>
    </View>
  );
}
