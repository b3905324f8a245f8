import { Button, Text, View } from '@tarojs/components';
import { grantDataSchema, type GrantData } from '@sharecircle/shared';
import { useState } from 'react';
import { formatDate } from '../../../components/format';
import { Money } from '../../../components/Money';
import type { AddressBody, GrantView } from '../../../services/api';
import { strings } from '../../../strings';
import { AddressForm } from './AddressForm';

const text = strings.growth.rewards;

/** A grant's data as the member sees it; anything unexpected in it is left out rather than failing the page. */
const dataOf = (grant: GrantView): GrantData => grantDataSchema.safeParse(grant.data).data ?? {};

function statusTone(status: GrantView['status']): string {
  if (status === 'granted' || status === 'received') return '';
  return status === 'pool_empty' ? 'tag--muted' : 'tag--warn';
}

export interface RewardActions {
  busy: boolean;
  onCopy: (value: string) => void;
  onConfirmAddress: (grant: GrantView, address: AddressBody) => void;
  onConfirmReceived: (grant: GrantView) => void;
  onViewCertificate: (serial: string) => void;
}

/** The reward's own name (a red packet has none: its kind and amount say it all). */
function title(grant: GrantView, data: GrantData): string | null {
  if (grant.kind === 'privilege' && data.name) return text.privilege[data.name] ?? data.name;
  return data.name ?? data.title ?? null;
}

function GiftSteps({ grant, data, actions }: { grant: GrantView; data: GrantData; actions: RewardActions }) {
  const [editing, setEditing] = useState(false);
  if (grant.status === 'awaiting_address' || (grant.status === 'address_confirmed' && editing)) {
    return (
      <View>
        <Text className='reward__step'>{text.address.title}</Text>
        <AddressForm
          initial={data.shipTo}
          submitting={actions.busy}
          onSubmit={(address) => {
            setEditing(false);
            actions.onConfirmAddress(grant, address);
          }}
        />
      </View>
    );
  }
  const shipTo = data.shipTo ? <Text className='muted reward__line'>{text.shipTo(data.shipTo.recipient, data.shipTo.phone, data.shipTo.address)}</Text> : null;
  if (grant.status === 'address_confirmed') {
    return (
      <View>
        {shipTo}
        <View className='row reward__line'>
          <Text className='muted'>{text.waitingShipment}</Text>
          <Text className='link' onClick={() => setEditing(true)}>
            {text.address.edit}
          </Text>
        </View>
      </View>
    );
  }
  if (grant.status === 'shipped' && data.shipment) {
    const { carrier, trackingNo } = data.shipment;
    return (
      <View>
        {shipTo}
        <View className='row reward__line'>
          <Text className='reward__tracking'>{text.tracking(carrier, trackingNo)}</Text>
          <Text className='link' onClick={() => actions.onCopy(trackingNo)}>
            {text.copyTracking}
          </Text>
        </View>
        <Button className='btn-primary reward__action' disabled={actions.busy || undefined} onClick={() => actions.onConfirmReceived(grant)}>
          {text.confirmReceived}
        </Button>
      </View>
    );
  }
  return data.receivedAt ? <Text className='muted reward__line'>{text.receivedAt(formatDate(data.receivedAt))}</Text> : shipTo;
}

function Details({ grant, data, actions }: { grant: GrantView; data: GrantData; actions: RewardActions }) {
  switch (grant.kind) {
    case 'cash':
      return (
        <View className='row reward__line'>
          <Money fen={grant.amountFen} />
          <Text className='muted'>{text.cashHint}</Text>
        </View>
      );
    case 'code':
      if (grant.status === 'pool_empty' || !data.code) return <Text className='muted reward__line'>{text.poolEmpty}</Text>;
      return (
        <View className='row reward__line'>
          <Text className='reward__code'>{data.code}</Text>
          <Text className='link' onClick={() => actions.onCopy(data.code!)}>
            {text.copy}
          </Text>
        </View>
      );
    case 'gift':
      return (
        <View>
          {data.description ? <Text className='muted reward__line'>{data.description}</Text> : null}
          <GiftSteps grant={grant} data={data} actions={actions} />
        </View>
      );
    case 'certificate':
      return (
        <View className='row reward__line'>
          <Text className='muted'>{data.achievement ?? ''}</Text>
          {data.serial ? (
            <Text className='link' onClick={() => actions.onViewCertificate(data.serial!)}>
              {text.viewCertificate}
            </Text>
          ) : null}
        </View>
      );
    case 'privilege':
      return <Text className='muted reward__line'>{data.expiresAt ? text.expiresAt(formatDate(data.expiresAt)) : text.noExpiry}</Text>;
    default:
      return null;
  }
}

export function RewardItem({ grant, actions }: { grant: GrantView; actions: RewardActions }) {
  const data = dataOf(grant);
  const name = title(grant, data);
  return (
    <View className='reward' data-testid={`reward-${grant.id}`}>
      <View className='row'>
        <View className='reward__head'>
          <Text className='tag tag--muted'>{text.kind[grant.kind]}</Text>
          {name ? <Text className='reward__title'>{name}</Text> : null}
        </View>
        <Text className={`tag ${statusTone(grant.status)}`}>{text.status[grant.status] ?? grant.status}</Text>
      </View>
      <Details grant={grant} data={data} actions={actions} />
      <Text className='reward__date'>{text.grantedAt(formatDate(grant.createdAt))}</Text>
    </View>
  );
}
