import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useRefreshOnShow } from '../../../hooks/useRefreshOnShow';
import type { AddressBody, GrantView } from '../../../services/api';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';
import { useRewards } from '../hooks/useRewards';
import { RewardsView } from './RewardsView';
import './index.scss';

const text = strings.growth.rewards;

function explain(error: unknown): string {
  return isApiError(error) && text.refusal[error.code] ? text.refusal[error.code] : describeError(error);
}

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' });
}

export default function RewardsPage() {
  const { rewards, busyGrantId, confirmAddress, confirmReceived } = useRewards();
  useRefreshOnShow(rewards.reload);

  const submitAddress = async (grant: GrantView, address: AddressBody) => {
    const error = await confirmAddress(grant.id, address);
    toast(error ? explain(error) : text.address.saved);
  };

  const receive = async (grant: GrantView) => {
    const { confirm } = await Taro.showModal({ title: text.confirmReceived, content: text.confirmReceivedBody, confirmText: strings.common.confirm, cancelText: strings.common.cancel });
    if (!confirm) return;
    const error = await confirmReceived(grant.id);
    toast(error ? explain(error) : text.receivedDone);
  };

  const copy = (value: string) => {
    void Taro.setClipboardData({ data: value }).then(() => toast(text.copied));
  };

  const viewCertificate = (serial: string) => {
    if (rewards.status !== 'ready') return;
    const urls = rewards.data.certificates.map((certificate) => certificate.imageUrl);
    const current = rewards.data.certificates.find((certificate) => certificate.serial === serial)?.imageUrl;
    if (current) void Taro.previewImage({ current, urls });
  };

  let content;
  if (rewards.status === 'loading') content = <Loading />;
  else if (rewards.status === 'error') content = <ErrorState error={rewards.error} onRetry={rewards.reload} />;
  else if (rewards.data.grants.length === 0 && rewards.data.certificates.length === 0) content = <EmptyState text={text.empty} />;
  else
    content = (
      <RewardsView
        grants={rewards.data.grants}
        certificates={rewards.data.certificates}
        busyGrantId={busyGrantId}
        actions={{ onCopy: copy, onConfirmAddress: submitAddress, onConfirmReceived: receive, onViewCertificate: viewCertificate }}
      />
    );
  return <View className='page rewards-page'>{content}</View>;
}
