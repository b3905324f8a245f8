export { createIdentityService, type IdentityService, type User, type RoleGrant } from './identity.service';
export { identityRoutes } from './identity.routes';
export { createTokenIssuer, type TokenIssuer } from './tokens';
