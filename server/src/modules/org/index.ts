export { createOrgService, type OrgService, type Store, type Region } from './org.service';
export { orgRoutes } from './org.routes';
