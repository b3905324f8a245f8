import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { JoinBody } from '@sharecircle/shared';
import { useState } from 'react';
import { formatDate } from '../../../components/format';
import { ErrorState, Loading } from '../../../components/StateViews';
import { useMe } from '../../../hooks/useMe';
import { useSubmit } from '../../../hooks/useSubmit';
import { api, type BindingView, type MemberRecord } from '../../../services/api';
import { signInWithWechat } from '../../../services/auth';
import { describeError, isApiError } from '../../../services/errors';
import { goHome, routes } from '../../../services/navigation';
import { readScene } from '../../../services/scene';
import { loadSession } from '../../../services/session';
import { strings } from '../../../strings';
import { usableReferralCode, useInviter } from '../hooks/useJoin';
import { isWeapp } from '../hooks/useLogin';
import { explainBindError } from './customer';
import { CustomerChoice, CustomerCode } from './CustomerPath';
import { Invitation } from './Invitation';
import { JoinForm } from './JoinForm';
import { JoinLogin } from './JoinLogin';
import { AlreadyMember, JoinPending } from './JoinStatus';
import { joinUrl } from './scene';
import './index.scss';

function explainJoinError(error: unknown): string {
  if (isApiError(error, 'REJOIN_COOLDOWN') && typeof error.data.rejoinAfter === 'string') return strings.join.rejoinAfter(formatDate(error.data.rejoinAfter));
  if (isApiError(error) && strings.join.refusal[error.code]) return strings.join.refusal[error.code];
  return describeError(error);
}

/** Rejected applicants may apply again, and removed members once the cool-down is over (the server says when). */
const mayJoin = (member: MemberRecord | null) => member === null || member.status === 'rejected' || member.status === 'removed';

function JoinFlow({ referralCode }: { referralCode: string | null }) {
  const me = useMe();
  const join = useSubmit((body: JoinBody) => api.join(body));
  const [joined, setJoined] = useState<MemberRecord | null>(null);
  const bind = useSubmit((code: string) => api.bindCustomer(code));
  const [bound, setBound] = useState<BindingView | null>(null);

  const submit = async (body: JoinBody) => {
    const result = await join.submit(body);
    if (!result.ok) return;
    const member = result.value;
    if (member.status === 'applied') {
      setJoined(member);
      return;
    }
    void Taro.showToast({ title: strings.join.joined, icon: 'success' });
    goHome();
  };

  const bindAsCustomer = async (code: string) => {
    const result = await bind.submit(code);
    if (result.ok) setBound(result.value);
  };

  if (me.status === 'loading') return <Loading />;
  if (me.status === 'error') return <ErrorState error={me.error} onRetry={me.reload} />;
  if (bound) return <CustomerCode inviter={bound.member.nickname} customerCode={me.data.customerCode} onShop={() => void Taro.redirectTo({ url: routes.shop })} onHome={goHome} />;
  const member = joined ?? me.data.member;
  if (member?.status === 'applied') return <JoinPending member={member} onHome={goHome} />;
  if (!mayJoin(member)) return <AlreadyMember member={member!} onHome={goHome} />;
  return (
    <View>
      <JoinForm
        referralCode={referralCode}
        rejectedBefore={member?.status === 'rejected'}
        submitting={join.submitting}
        submitError={join.error ? explainJoinError(join.error) : null}
        onSubmit={submit}
      />
      {referralCode ? (
        <CustomerChoice
          binding={bind.submitting}
          problem={bind.error ? explainBindError(bind.error, me.data.customerOf?.nickname ?? null) : null}
          onBind={() => void bindAsCustomer(referralCode)}
        />
      ) : null}
    </View>
  );
}

/**
 * Opened from a poster or a shared card: `scene` carries the inviter's referral code
 * (H5: /#/packages/auth/join/index?scene=<code>). Sign in first (looking up who owns the code needs a
 * session), then see who invited you and choose how to join, or, only buying, become the inviter's
 * customer and get the customer code to show at the till.
 */
export default function JoinPage() {
  const scene = readScene(Taro.useRouter().params.scene);
  const [signedIn, setSignedIn] = useState(() => loadSession() !== null);
  const [signingIn, setSigningIn] = useState(false);
  const [loginFailed, setLoginFailed] = useState(false);
  const sceneCode = scene.kind === 'code' ? scene.code : null;
  const inviter = useInviter(signedIn ? sceneCode : null);

  const login = async () => {
    if (!isWeapp) {
      await Taro.redirectTo({ url: `${routes.login}?next=${encodeURIComponent(joinUrl(scene))}` });
      return;
    }
    setSigningIn(true);
    setLoginFailed(false);
    try {
      await signInWithWechat();
      setSignedIn(true);
    } catch {
      setLoginFailed(true);
    } finally {
      setSigningIn(false);
    }
  };

  return (
    <View className='page join'>
      <Invitation scene={scene} lookup={inviter} />
      {signedIn ? (
        <JoinFlow referralCode={usableReferralCode(sceneCode, inviter)} />
      ) : (
        <JoinLogin inWechat={isWeapp} signingIn={signingIn} failed={loginFailed} onLogin={login} />
      )}
    </View>
  );
}
