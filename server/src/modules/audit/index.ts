export { recordAudit, recordAuditMany, listAudit, type AuditRecord } from './audit.service';
export { auditRoutes } from './audit.routes';
