export { createAssessmentsService, type AssessmentsService, type RemoveMember } from './assessments.service';
export { assessmentsRoutes } from './assessments.routes';
export { periodKeyAt, previousPeriod, isPeriodKey } from './assessment-periods';
