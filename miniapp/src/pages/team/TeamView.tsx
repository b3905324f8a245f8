import { Text, View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { Card } from '../../components/Card';
import { formatDate } from '../../components/format';
import { ListFooter } from '../../components/ListFooter';
import type { PagedState } from '../../hooks/usePaged';
import type { TeamMember } from '../../services/api';
import { strings } from '../../strings';

export function TierTabs({ tier, onChange }: { tier: 1 | 2; onChange: (tier: 1 | 2) => void }) {
  return (
    <View className='tiers'>
      {([1, 2] as const).map((value) => (
        <View key={value} className={`tiers__tab ${tier === value ? 'tiers__tab--active' : ''}`} onClick={() => onChange(value)}>
          <Text>{value === 1 ? strings.team.tier1 : strings.team.tier2}</Text>
        </View>
      ))}
    </View>
  );
}

const statusTone: Record<string, string> = {
  active: '',
  applied: 'tag--muted',
  warned: 'tag--warn',
  probation: 'tag--warn',
  rejected: 'tag--danger',
  removed: 'tag--danger',
  banned: 'tag--danger',
};

/** Each downline with their sales this month and, for direct ones, the L2 commission they brought (only two tiers pay). */
export function TeamList({ team, tier }: { team: PagedState<TeamMember>; tier: 1 | 2 }) {
  return (
    <Card extra={<Text className='muted'>{strings.team.count(team.items.length, team.hasMore)}</Text>}>
      {team.items.map((member) => (
        <View className='member' key={member.id} data-testid='team-row'>
          <View className='member__avatar'>
            <Text>{member.nickname.slice(0, 1)}</Text>
          </View>
          <View className='member__body'>
            <View className='row'>
              <Text className='member__name'>{member.nickname}</Text>
              <Text className={`tag ${statusTone[member.status] ?? ''}`}>{strings.member.status[member.status]}</Text>
            </View>
            <Text className='muted'>
              {strings.member.type[member.type]} · {strings.team.joinedAt(formatDate(member.joinedAt))}
            </Text>
            <Text className='member__contribution'>
              {strings.team.monthSales(formatYuan(member.monthGmvFen))}
              {tier === 1 ? ` · ${strings.team.earnedThrough(formatYuan(member.earnedFen))}` : ''}
            </Text>
          </View>
        </View>
      ))}
      <ListFooter hasMore={team.hasMore} loadingMore={team.loadingMore} moreError={team.moreError} onMore={team.loadMore} />
    </Card>
  );
}
