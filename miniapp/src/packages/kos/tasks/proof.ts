import { submissionBodySchema } from '@sharecircle/shared';
import type { z } from 'zod';
import { strings } from '../../../strings';

export type SubmissionBody = z.infer<typeof submissionBodySchema>;

export const METRICS = ['views', 'likes', 'comments', 'leads'] as const;
export type Metric = (typeof METRICS)[number];

/** The proof form as typed. The API takes a link to the post, a note and the post's figures; no image. */
export interface ProofDraft {
  url: string;
  note: string;
  metrics: Record<Metric, string>;
}

export type ProofProblems = Partial<Record<'url' | 'note' | Metric, string>>;

export const emptyProof: ProofDraft = { url: '', note: '', metrics: { views: '', likes: '', comments: '', leads: '' } };

const wholeNumber = (text: string) => (/^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) : null);

/** The body for POST /me/tasks/{id}/submissions, or what to fix. Figures are all or nothing, as the schema wants. */
export function checkProof(draft: ProofDraft): { body: SubmissionBody } | { problems: ProofProblems } {
  const problems: ProofProblems = {};
  const note = draft.note.trim();
  const anyMetric = METRICS.some((metric) => draft.metrics[metric].trim() !== '');
  const metrics = Object.fromEntries(METRICS.map((metric) => [metric, wholeNumber(draft.metrics[metric])])) as Record<Metric, number | null>;
  if (anyMetric) for (const metric of METRICS) if (metrics[metric] === null) problems[metric] = strings.kos.tasks.problem.metric;
  const candidate = {
    url: draft.url.trim(),
    ...(note ? { note } : {}),
    ...(anyMetric && Object.keys(problems).length === 0 ? { metrics } : {}),
  };
  const parsed = submissionBodySchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'url') problems.url = strings.kos.tasks.problem.url;
      if (issue.path[0] === 'note') problems.note = strings.kos.tasks.problem.note;
    }
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { problems };
  return { body: parsed.data };
}
