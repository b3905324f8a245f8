export * from './errors';
export * from './money';
export * from './api/common';
export * from './api/auth';
export * from './api/members';
export * from './api/org';
export * from './api/settings';
export * from './api/audit';
