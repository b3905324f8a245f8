import { Image, Text, View } from '@tarojs/components';
import type { BadgeView } from '../services/api';

/** A badge's picture: its icon when that is an image URL, else a medal in the tier's colour. */
export function BadgeMedal({ badge }: { badge: Pick<BadgeView, 'icon' | 'name' | 'tier'> }) {
  if (/^https:\/\//.test(badge.icon)) return <Image className='badge__icon' src={badge.icon} mode='aspectFit' />;
  // Icons are asset names (badges/silver.png) with no host yet: the badge's first character on the tier's colour.
  return (
    <View className={`badge__medal badge__medal--${badge.tier}`}>
      <Text>{badge.name.slice(0, 1)}</Text>
    </View>
  );
}
