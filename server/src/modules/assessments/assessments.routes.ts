import { z } from 'zod';
import { assessmentResultSchema, idParamsSchema, myAssessmentSchema, policyBodySchema, policyPatchSchema, policySchema } from '@sharecircle/shared';
import { AppError } from '../../http/app-error';
import { requireMember } from '../../http/principal';
import { route } from '../../http/route';
import type { MembersService } from '../members';
import { isPeriodKey } from './assessment-periods';
import type { AssessmentsService } from './assessments.service';

export function assessmentsRoutes(assessments: AssessmentsService, members: MembersService) {
  return [
    route({
      method: 'post',
      path: '/admin/assessment-policies',
      summary: 'Create an assessment policy for a cohort: period, metrics with thresholds, the outcome ladder, KOS tiers',
      tag: 'assessments',
      access: ['hq_admin'],
      body: policyBodySchema,
      response: policySchema,
      status: 201,
      errors: ['CONFLICT'],
      handler: ({ principal, body }) => assessments.createPolicy(principal!.userId, body),
    }),
    route({
      method: 'get',
      path: '/admin/assessment-policies',
      summary: 'Assessment policies',
      tag: 'assessments',
      access: ['hq_admin'],
      response: z.object({ items: z.array(policySchema) }),
      handler: async () => ({ items: await assessments.listPolicies() }),
    }),
    route({
      method: 'patch',
      path: '/admin/assessment-policies/:id',
      summary: 'Pause or resume a policy',
      tag: 'assessments',
      access: ['hq_admin'],
      params: idParamsSchema,
      body: policyPatchSchema,
      response: policySchema,
      errors: ['POLICY_NOT_FOUND'],
      handler: ({ principal, params, body }) => assessments.setActive(principal!.userId, params.id, body.active),
    }),
    route({
      method: 'get',
      path: '/me/assessment',
      summary: 'My current assessment period: each metric against its threshold and the projected outcome',
      tag: 'assessments',
      access: 'member',
      response: myAssessmentSchema,
      handler: ({ principal }) => assessments.myAssessment(requireMember(principal!).id),
    }),
    route({
      method: 'get',
      path: '/stores/:id/assessments',
      summary: "A store's clerks' assessment results and S/A/B/C tiers (its store manager, or HQ)",
      tag: 'assessments',
      access: ['store_manager', 'hq_admin'],
      params: idParamsSchema,
      query: z.object({ period: z.string().max(10).optional() }),
      response: z.object({ items: z.array(assessmentResultSchema) }),
      errors: ['STORE_NOT_FOUND'],
      handler: async ({ principal, params, query }) => {
        if (query.period && !isPeriodKey('month', query.period) && !isPeriodKey('quarter', query.period)) {
          throw new AppError('VALIDATION_FAILED', 'period is YYYY-MM or YYYY-Qn', [{ path: 'query.period', issue: 'not a period' }]);
        }
        const clerks = await members.clerksOfStore(principal!, params.id);
        return { items: await assessments.storeResults(clerks.map((clerk) => clerk.memberId), query.period) };
      },
    }),
  ];
}
