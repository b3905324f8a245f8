export { createMembersService, type MembersService } from './members.service';
export { createBindingsService, type BindingsService } from './bindings.service';
export { membersRoutes } from './members.routes';
export { isDistributing, maskNickname } from './member-rules';
