import { View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/StateViews';
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow';
import { useTeam } from '../../hooks/useTeam';
import { strings } from '../../strings';
import { TeamList, TierTabs } from './TeamView';
import './index.scss';

export default function TeamPage() {
  const [tier, setTier] = useState<1 | 2>(1);
  const team = useTeam(tier);
  useRefreshOnShow(team.reload);

  let content;
  if (team.status === 'loading') content = <Loading />;
  else if (team.status === 'error') content = <ErrorState error={team.error} onRetry={team.reload} />;
  else if (team.items.length === 0) content = <EmptyState text={strings.team.empty[tier]} />;
  else content = <TeamList team={team} tier={tier} />;
  return (
    <View className='page team'>
      <TierTabs tier={tier} onChange={setTier} />
      {content}
    </View>
  );
}
