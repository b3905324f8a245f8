import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { api, type SubscriptionsView } from '../../../services/api';
import { acceptedKinds, ERRCODE_SWITCHED_OFF, errCodeOf, templatesToAsk } from '../index/subscribe';

export type SubscribeOutcome =
  | { kind: 'recorded'; count: number }
  | { kind: 'none-accepted' }
  | { kind: 'switched-off' }
  | { kind: 'failed'; error?: unknown };

const nothingOffered: SubscriptionsView = { items: [] };

/**
 * The subscribe-message templates the brand configured, with the messages the member still allows of
 * each. `offered` false (H5, which has no requestSubscribeMessage) asks the server nothing.
 */
export function useSubscriptions(offered: boolean) {
  const loaded = useAsync(() => (offered ? api.subscriptions() : Promise.resolve(nothingOffered)), [offered]);
  // The POST answers the new counts; they stand until the next load.
  const [recorded, setRecorded] = useState<SubscriptionsView | null>(null);
  const [asking, setAsking] = useState(false);
  const items = (recorded ?? (loaded.status === 'ready' ? loaded.data : nothingOffered)).items;

  /**
   * Call it straight from the tap, before anything else is awaited: WeChat opens the dialog only
   * inside a user's tap. Accepted templates are then recorded, one more message of each.
   */
  async function subscribe(): Promise<SubscribeOutcome> {
    const asked = templatesToAsk(items);
    setAsking(true);
    try {
      let answer: object;
      try {
        // Taro 4.2's Option type also demands Alipay's entityIds; WeChat takes tmplIds alone.
        answer = await Taro.requestSubscribeMessage({ tmplIds: asked.map((item) => item.templateId) } as Taro.requestSubscribeMessage.Option);
      } catch (failure) {
        return errCodeOf(failure) === ERRCODE_SWITCHED_OFF ? { kind: 'switched-off' } : { kind: 'failed' };
      }
      const accepted = acceptedKinds(asked, answer);
      if (accepted.length === 0) return { kind: 'none-accepted' };
      try {
        setRecorded(await api.recordSubscriptions({ accepted }));
      } catch (error) {
        return { kind: 'failed', error };
      }
      return { kind: 'recorded', count: accepted.length };
    } finally {
      setAsking(false);
    }
  }

  async function reload(): Promise<void> {
    await loaded.reload();
    setRecorded(null);
  }

  return { items, asking, subscribe, reload };
}
