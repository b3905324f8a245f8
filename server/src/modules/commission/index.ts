export { createCommissionService, type CommissionService } from './commission.service';
export { commissionRoutes } from './commission.routes';
export * from './commission-rules';
