import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { routes } from '../../../services/navigation';
import { strings } from '../../../strings';
import { usePosterData } from '../hooks/usePoster';
import { exportPoster, onH5, renderPoster, type PosterCanvas } from './posterCanvas';
import { PosterView, type DrawState } from './PosterView';
import { saveToAlbum } from './saveToAlbum';
import './index.scss';

export default function PosterPage() {
  const poster = usePosterData();
  const ready = poster.status === 'ready' && poster.data.kind === 'ready' ? poster.data : null;
  const [avatarPath, setAvatarPath] = useState<string | null>(null);
  const [drawState, setDrawState] = useState<DrawState>('drawing');
  const [drawRound, setDrawRound] = useState(0);
  const [saving, setSaving] = useState(false);
  const canvas = useRef<PosterCanvas | null>(null);

  useEffect(() => {
    if (!onH5()) void Taro.showShareMenu({ withShareTicket: true });
  }, []);

  // A shared card opens the join page with the member's referral code, as the poster's code does.
  Taro.useShareAppMessage(() =>
    ready ? { title: strings.growth.poster.shareTitle(ready.nickname), path: routes.joinWithReferral(ready.referralCode) } : { title: strings.appName, path: routes.home },
  );

  useEffect(() => {
    if (!ready) return;
    let current = true;
    setDrawState('drawing');
    canvas.current = null;
    // The canvas node exists once this render reached the page.
    Taro.nextTick(() => {
      renderPoster(ready, ready.codePath, avatarPath).then(
        (drawn) => {
          if (!current) return;
          canvas.current = drawn;
          setDrawState('drawn');
        },
        () => current && setDrawState('failed'),
      );
    });
    return () => {
      current = false;
    };
  }, [ready, avatarPath, drawRound]);

  const save = async () => {
    if (!canvas.current || saving) return;
    setSaving(true);
    try {
      const outcome = await saveToAlbum(await exportPoster(canvas.current));
      if (outcome === 'saved') void Taro.showToast({ title: strings.growth.poster.saved, icon: 'success' });
      if (outcome === 'failed') void Taro.showToast({ title: strings.growth.poster.saveFailed, icon: 'none' });
    } catch {
      void Taro.showToast({ title: strings.growth.poster.saveFailed, icon: 'none' });
    } finally {
      setSaving(false);
    }
  };

  let content;
  if (poster.status === 'loading') content = <Loading />;
  else if (poster.status === 'error') content = <ErrorState error={poster.error} onRetry={poster.reload} />;
  else if (poster.data.kind === 'not-member')
    content = <EmptyState title={strings.home.notMemberTitle} text={strings.home.notMemberBody} actionText={strings.home.joinAction} onAction={() => Taro.navigateTo({ url: routes.join })} />;
  else if (poster.data.kind === 'inactive') content = <EmptyState text={strings.growth.poster.inactive(strings.member.status[poster.data.status] ?? poster.data.status)} />;
  else
    content = (
      <PosterView
        drawState={drawState}
        saving={saving}
        canChooseAvatar={!onH5()}
        onSave={save}
        onShareTap={() => onH5() && Taro.showToast({ title: strings.growth.poster.shareInWechat, icon: 'none' })}
        onChooseAvatar={setAvatarPath}
        onRedraw={() => setDrawRound((round) => round + 1)}
      />
    );
  return <View className='page poster-page'>{content}</View>;
}
