import { Button, Text, View } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { goHome } from '../../../services/navigation';
import { strings } from '../../../strings';
import './index.scss';

/** Placeholder until the join slice: the referral-code and application forms come next. */
export default function JoinPage() {
  return (
    <View className='page join'>
      <Card title={strings.join.title} testId='join-placeholder'>
        <Text className='join__body'>{strings.join.body}</Text>
        <Text className='muted join__placeholder'>{strings.join.placeholder}</Text>
        <Button className='btn-plain join__back' onClick={goHome}>
          {strings.tabs.home}
        </Button>
      </Card>
    </View>
  );
}
