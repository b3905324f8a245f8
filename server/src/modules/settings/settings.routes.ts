import { settingsPatchSchema, settingsSchema } from '@sharecircle/shared';
import { route } from '../../http/route';
import type { SettingsService } from './settings.service';

export function settingsRoutes(settings: SettingsService) {
  return [
    route({
      method: 'get',
      path: '/admin/settings',
      summary: 'The brand settings (binding policy, approval, cool-down, ...)',
      tag: 'admin',
      access: ['hq_admin'],
      response: settingsSchema,
      handler: () => settings.get(),
    }),
    route({
      method: 'patch',
      path: '/admin/settings',
      summary: 'Change some brand settings; fields not sent keep their value',
      tag: 'admin',
      access: ['hq_admin'],
      body: settingsPatchSchema,
      response: settingsSchema,
      handler: ({ body, principal }) => settings.patch(principal!.userId, body),
    }),
  ];
}
