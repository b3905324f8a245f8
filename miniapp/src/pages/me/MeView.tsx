import { Button, Text, View } from '@tarojs/components';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/StateViews';
import type { MeView as Me } from '../../services/api';
import { routes } from '../../services/navigation';
import { workbenchFor } from '../../services/workbench';
import { strings } from '../../strings';

interface MeViewProps {
  me: Me;
  onCopy: (text: string) => void;
  onJoin: () => void;
  /** Unread notifications, shown as a badge on the inbox row (none at 0). */
  unreadCount: number;
  onNotifications: () => void;
  onLogout: () => void;
  onNavigate: (url: string) => void;
}

/** Where a member grows: their poster, badges, rewards, competitions and assessment. */
const growthLinks = [
  { text: strings.growth.links.poster, url: routes.poster },
  { text: strings.growth.links.badges, url: routes.badges },
  { text: strings.growth.links.rewards, url: routes.rewards },
  { text: strings.compete.links.competitions, url: routes.competitions },
  { text: strings.compete.links.assessment, url: routes.assessment },
];

function LinkRow({ text, onClick }: { text: string; onClick: () => void }) {
  return (
    <View className='row me__link' onClick={onClick}>
      <Text>{text}</Text>
      <Text className='muted'>›</Text>
    </View>
  );
}

function Field({ label, value, action }: { label: string; value: string; action?: { text: string; onClick: () => void } }) {
  return (
    <View className='field row'>
      <Text className='field__label'>{label}</Text>
      <View className='field__value'>
        <Text>{value}</Text>
        {action ? (
          <Text className='link field__action' onClick={action.onClick}>
            {action.text}
          </Text>
        ) : null}
      </View>
    </View>
  );
}

export function MeView({ me, unreadCount, onCopy, onJoin, onNotifications, onLogout, onNavigate }: MeViewProps) {
  const { member } = me;
  const roles = me.roles.map((grant) => strings.member.role[grant.role] ?? grant.role).join('、');
  return (
    <View>
      <View className='me__hero'>
        <View className='me__avatar'>
          <Text>{me.nickname.slice(0, 1)}</Text>
        </View>
        <View className='me__who'>
          <Text className='me__name'>{me.nickname}</Text>
          <Text className='muted'>{strings.me.userId(me.id)}</Text>
        </View>
      </View>

      {member ? (
        <Card title={strings.me.profileTitle} testId='me-member'>
          <Field label={strings.me.memberType} value={strings.member.type[member.type] ?? member.type} />
          <Field label={strings.me.memberStatus} value={strings.member.status[member.status] ?? member.status} />
          {member.type !== 'external' ? <Field label={strings.me.level} value={`Lv.${member.level}`} /> : null}
          <Field label={strings.me.referralCode} value={member.referralCode} action={{ text: strings.me.copy, onClick: () => onCopy(member.referralCode) }} />
          {member.upline ? <Field label={strings.me.upline} value={member.upline.nickname} /> : null}
        </Card>
      ) : (
        <Card testId='me-not-member'>
          <EmptyState title={strings.me.notMember} text={strings.home.notMemberBody} actionText={strings.me.joinAction} onAction={onJoin} />
        </Card>
      )}

      <Card testId='me-account'>
        <Field label={strings.me.customerCode} value={me.customerCode} action={{ text: strings.me.copy, onClick: () => onCopy(me.customerCode) }} />
        <Text className='muted field__hint'>{strings.me.customerCodeHint}</Text>
        {me.customerOf ? <Field label={strings.me.customerOf} value={me.customerOf.nickname} /> : null}
        <Field label={strings.me.roles} value={roles || strings.me.noRoles} />
      </Card>

      <Card title={strings.me.shopTitle} testId='me-shop'>
        <LinkRow text={strings.shop.entry.shop} onClick={() => onNavigate(routes.shop)} />
        <LinkRow text={strings.shop.entry.orders} onClick={() => onNavigate(routes.myOrders)} />
      </Card>

      {workbenchFor(me).map((section) => (
        <Card key={section.key} title={section.title} testId={`me-workbench-${section.key}`}>
          {section.entries.map((entry) => (
            <LinkRow key={entry.url} text={entry.text} onClick={() => onNavigate(entry.url)} />
          ))}
        </Card>
      ))}

      {member ? (
        <Card title={strings.growth.meTitle} testId='me-growth'>
          {growthLinks.map((link) => (
            <LinkRow key={link.url} text={link.text} onClick={() => onNavigate(link.url)} />
          ))}
        </Card>
      ) : null}

      <Card>
        <View className='row me__link' onClick={onNotifications} data-testid='me-inbox'>
          <Text>{strings.me.notifications}</Text>
          <View className='me__link-end'>
            {unreadCount > 0 ? <Text className='me__badge'>{unreadCount > 99 ? '99+' : unreadCount}</Text> : null}
            <Text className='muted'>›</Text>
          </View>
        </View>
        <LinkRow text={strings.compete.links.report} onClick={() => onNavigate(routes.report)} />
      </Card>

      <View className='me__logout'>
        <Button className='btn-plain' onClick={onLogout}>
          {strings.me.logout}
        </Button>
      </View>
    </View>
  );
}
