import { View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useAsync } from '../../../hooks/useAsync';
import { useRefreshOnShow } from '../../../hooks/useRefreshOnShow';
import { api } from '../../../services/api';
import { strings } from '../../../strings';
import { BadgeWall } from './BadgeWall';
import './index.scss';

export default function BadgesPage() {
  const badges = useAsync(async () => (await api.badges()).items, []);
  useRefreshOnShow(badges.reload);

  let content;
  if (badges.status === 'loading') content = <Loading />;
  else if (badges.status === 'error') content = <ErrorState error={badges.error} onRetry={badges.reload} />;
  else if (badges.data.length === 0) content = <EmptyState text={strings.growth.badges.empty} />;
  else content = <BadgeWall badges={badges.data} />;
  return <View className='page badges-page'>{content}</View>;
}
