import { Button, Text, View } from '@tarojs/components';
import { TRAINING_PHASES } from '@sharecircle/shared';
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { TextField } from '../../../components/Form';
import type { TrainingGroupBody } from '../../../services/api';
import { strings } from '../../../strings';

/** trainingGroupBodySchema: a brand of 1-20 characters, a template of at most 60 that names {phase}. */
const BRAND_MAX = 20;
const TEMPLATE_MAX = 60;

/** Phase names go into the WeChat group's name, so they are sent in Chinese rather than the server's defaults. */
const phaseLabels = Object.fromEntries(TRAINING_PHASES.map((phase) => [phase, strings.manager.training.phase[phase]]));

export function CreateForm({ busy, problem, onCreate }: { busy: boolean; problem: string | null; onCreate: (body: TrainingGroupBody) => void }) {
  const t = strings.manager.training;
  const [brand, setBrand] = useState('');
  const [template, setTemplate] = useState('');
  const [problems, setProblems] = useState<{ brand?: string; template?: string }>({});

  const create = () => {
    const name = brand.trim();
    const nameTemplate = template.trim() || t.defaultTemplate;
    const found = {
      ...(name && name.length <= BRAND_MAX ? {} : { brand: t.brandInvalid }),
      ...(nameTemplate.includes('{phase}') && nameTemplate.length <= TEMPLATE_MAX ? {} : { template: t.templateInvalid }),
    };
    setProblems(found);
    if (found.brand || found.template) return;
    onCreate({ brand: name, nameTemplate, phaseLabels });
  };

  return (
    <Card title={t.createTitle} testId='training-create'>
      <TextField label={t.brand} value={brand} placeholder={t.brandPlaceholder} problem={problems.brand} onChange={setBrand} />
      <TextField label={t.template} value={template} placeholder={t.templatePlaceholder} problem={problems.template} onChange={setTemplate} />
      {problem ? <Text className='item-problem'>{problem}</Text> : null}
      <View className='item-actions'>
        <Button className='btn-primary item-actions__button' size='mini' disabled={busy || undefined} onClick={create}>
          {t.create}
        </Button>
      </View>
    </Card>
  );
}
