export { createWithdrawalsService, type WithdrawalsService } from './withdrawals.service';
export { withdrawalsRoutes } from './withdrawals.routes';
export { outBillNoFor, withdrawalIdOf } from './withdrawal-rules';
