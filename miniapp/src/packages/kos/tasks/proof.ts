import { submissionBodySchema, type SubmissionBody } from '@sharecircle/shared';
import { strings } from '../../../strings';

export type { SubmissionBody };

export const METRICS = ['views', 'likes', 'comments', 'leads'] as const;
export type Metric = (typeof METRICS)[number];

/** The proof form as typed: a link to the post, a note and the post's figures (images are uploaded apart, useProofImages). */
export interface ProofDraft {
  url: string;
  note: string;
  metrics: Record<Metric, string>;
}

export type ProofProblems = Partial<Record<'url' | 'note' | Metric, string>>;

export const emptyProof: ProofDraft = { url: '', note: '', metrics: { views: '', likes: '', comments: '', leads: '' } };

const wholeNumber = (text: string) => (/^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) : null);

/**
 * The body for POST /me/tasks/{id}/submissions with the uploaded images' URLs, or what to fix. A link or
 * an image is needed; figures are all or nothing, as the schema wants.
 */
export function checkProof(draft: ProofDraft, imageUrls: string[] = []): { body: SubmissionBody } | { problems: ProofProblems } {
  const problems: ProofProblems = {};
  const url = draft.url.trim();
  const note = draft.note.trim();
  const anyMetric = METRICS.some((metric) => draft.metrics[metric].trim() !== '');
  const metrics = Object.fromEntries(METRICS.map((metric) => [metric, wholeNumber(draft.metrics[metric])])) as Record<Metric, number | null>;
  if (anyMetric) for (const metric of METRICS) if (metrics[metric] === null) problems[metric] = strings.kos.tasks.problem.metric;
  const candidate = {
    ...(url ? { url } : {}),
    ...(imageUrls.length > 0 ? { imageUrls } : {}),
    ...(note ? { note } : {}),
    ...(anyMetric && Object.keys(problems).length === 0 ? { metrics } : {}),
  };
  const parsed = submissionBodySchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'url') problems.url = url ? strings.kos.tasks.problem.url : strings.taskProof.needLinkOrImage;
      if (issue.path[0] === 'note') problems.note = strings.kos.tasks.problem.note;
    }
  }
  if (Object.keys(problems).length > 0 || !parsed.success) return { problems };
  return { body: parsed.data };
}
