import type { MiniprogramState } from '../../wechat/subscribe-message';
import { WXA_ENV_VERSION, type MiniProgramApi, type WxaCodeImage } from '../../wechat/miniprogram-api';
import { AppError } from '../../http/app-error';
import { qrCodePng } from '../certificates';
import { isDistributing, type MembersService } from '../members';

/** The page a poster's code opens: the join page reads the referral code from `scene`. */
export const JOIN_PAGE = 'packages/auth/join/index';
/** WeChat's default code width; the poster draws it at about a third of its width. */
const CODE_WIDTH_PX = 430;

export interface PostersDeps {
  members: Pick<MembersService, 'me'>;
  wechat: MiniProgramApi;
  /** Without an app id and secret (development, the H5 demo) there is no WeChat to ask. */
  wechatConfigured: boolean;
  miniprogramState: MiniprogramState;
  publicBaseUrl: string;
}

/** What a member's referral poster needs from the server: the code that opens the join page with their referral code. */
export function createPostersService(deps: PostersDeps) {
  const h5Base = deps.publicBaseUrl.replace(/\/+$/, '');

  return {
    /**
     * The mini-program code for a member's poster (scene = their referral code). Without WeChat, a QR
     * code of the H5 join page with the same scene, so the demo's posters work in a browser.
     */
    async posterCode(userId: number): Promise<WxaCodeImage> {
      const { member } = await deps.members.me(userId);
      if (!member) throw new AppError('NOT_A_MEMBER', 'join the community first');
      // A code that cannot refer anyone (UPLINE_INACTIVE at join) must not go out on a poster.
      if (!isDistributing(member.status)) throw new AppError('MEMBER_NOT_ACTIVE', `a ${member.status} member cannot invite: the poster is for working distributors`);
      const scene = member.referralCode;
      if (!deps.wechatConfigured) {
        return { contentType: 'image/png', body: await qrCodePng(`${h5Base}/#/${JOIN_PAGE}?scene=${encodeURIComponent(scene)}`, CODE_WIDTH_PX) };
      }
      return deps.wechat.unlimitedWxaCode({
        scene,
        page: JOIN_PAGE,
        check_path: false,
        env_version: WXA_ENV_VERSION[deps.miniprogramState],
        width: CODE_WIDTH_PX,
        is_hyaline: true,
      });
    },
  };
}

export type PostersService = ReturnType<typeof createPostersService>;
