import { Image, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import type { CertificateView, GrantView } from '../../../services/api';
import { strings } from '../../../strings';
import { RewardItem, type RewardActions } from './RewardItem';

const text = strings.growth.rewards;

interface RewardsViewProps {
  grants: GrantView[];
  certificates: CertificateView[];
  busyGrantId: number | null;
  actions: Omit<RewardActions, 'busy'>;
}

export function RewardsView({ grants, certificates, busyGrantId, actions }: RewardsViewProps) {
  return (
    <View>
      {certificates.length > 0 ? (
        <Card title={text.certificatesTitle} testId='certificates'>
          {certificates.map((certificate) => (
            <View className='certificate' key={certificate.serial} onClick={() => actions.onViewCertificate(certificate.serial)}>
              <Image className='certificate__image' src={certificate.imageUrl} mode='aspectFit' />
              <View className='certificate__body'>
                <View className='row'>
                  <Text className='certificate__title'>{certificate.title}</Text>
                  {certificate.valid ? null : <Text className='tag tag--danger'>{text.certificateRevoked}</Text>}
                </View>
                <Text className='muted'>{certificate.achievement}</Text>
                <Text className='certificate__serial'>
                  {text.certificateSerial(certificate.serial)} · {formatDate(certificate.issuedAt)}
                </Text>
              </View>
            </View>
          ))}
        </Card>
      ) : null}

      <Card testId='rewards'>
        {grants.map((grant) => (
          <RewardItem key={grant.id} grant={grant} actions={{ ...actions, busy: busyGrantId === grant.id }} />
        ))}
      </Card>
    </View>
  );
}
