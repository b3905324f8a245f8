import { route } from '../../http/route';
import type { PostersService } from './posters.service';

export function postersRoutes(posters: PostersService) {
  return [
    route({
      method: 'get',
      path: '/me/poster-code',
      summary: 'The mini-program code for my referral poster (opens the join page with my referral code); a QR code of the H5 join page where WeChat is not configured',
      tag: 'posters',
      access: 'member',
      response: null,
      errors: ['MEMBER_NOT_ACTIVE', 'WECHAT_REFUSED', 'WECHAT_UNAVAILABLE'],
      handler: ({ principal }) => posters.posterCode(principal!.userId),
    }),
  ];
}
