import { Text, View } from '@tarojs/components';
import { BadgeMedal } from '../../../components/BadgeMedal';
import { Card } from '../../../components/Card';
import { formatDate } from '../../../components/format';
import type { BadgeView } from '../../../services/api';
import { strings } from '../../../strings';

/** Every badge earned, newest first (the server's order), three to a row. */
export function BadgeWall({ badges }: { badges: BadgeView[] }) {
  return (
    <Card title={strings.growth.badges.count(badges.length)} testId='badge-wall'>
      <View className='badge-wall'>
        {badges.map((badge) => (
          <View className='badge-wall__item' key={badge.code} data-testid='badge'>
            <BadgeMedal badge={badge} />
            <Text className='badge-wall__name'>{badge.name}</Text>
            <Text className='tag tag--muted'>{strings.growth.badges.tier[badge.tier] ?? badge.tier}</Text>
            <Text className='badge-wall__date'>{strings.growth.badges.earnedAt(formatDate(badge.earnedAt))}</Text>
          </View>
        ))}
      </View>
    </Card>
  );
}
