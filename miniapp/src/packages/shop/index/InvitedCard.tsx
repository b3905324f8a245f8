import { Button, Text } from '@tarojs/components';
import { Card } from '../../../components/Card';
import { strings } from '../../../strings';

/**
 * Opened from a member's shared card by someone bound to no one: the order's commission goes to the member
 * the buyer is bound to, so offer the join page's way of becoming the sharer's customer.
 */
export function InvitedCard({ onOpen }: { onOpen: () => void }) {
  return (
    <Card title={strings.shop.invited.title} testId='shop-invited'>
      <Text className='muted shop__invited-body'>{strings.shop.invited.body}</Text>
      <Button className='btn-plain shop__invited-action' size='mini' onClick={onOpen}>
        {strings.shop.invited.action}
      </Button>
    </Card>
  );
}
