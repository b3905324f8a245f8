import { useCallback, useState } from 'react';
import { useAsync } from '../../../hooks/useAsync';
import { api, type AddressBody, type CertificateView, type GrantView } from '../../../services/api';

export interface RewardsData {
  grants: GrantView[];
  certificates: CertificateView[];
}

/** Everything granted (with its state) and the certificates' images; the gift steps reload both. */
export function useRewards() {
  const rewards = useAsync<RewardsData>(async () => {
    const [grants, certificates] = await Promise.all([api.rewards(), api.certificates()]);
    return { grants: grants.items, certificates: certificates.items };
  }, []);
  const [busyGrantId, setBusyGrantId] = useState<number | null>(null);

  /** Runs one gift step; answers the error when the server refused it (null when it went through). */
  const step = useCallback(
    async (grantId: number, send: () => Promise<unknown>): Promise<unknown> => {
      setBusyGrantId(grantId);
      try {
        await send();
        await rewards.reload();
        return null;
      } catch (error) {
        return error;
      } finally {
        setBusyGrantId(null);
      }
    },
    [rewards.reload],
  );

  return {
    rewards,
    busyGrantId,
    confirmAddress: (grantId: number, address: AddressBody) => step(grantId, () => api.confirmRewardAddress(grantId, address)),
    confirmReceived: (grantId: number) => step(grantId, () => api.confirmRewardReceived(grantId)),
  };
}
