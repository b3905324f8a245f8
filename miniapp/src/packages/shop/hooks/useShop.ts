import { useAsync } from '../../../hooks/useAsync';
import { api } from '../../../services/api';

/** The catalog, and who is shopping: their referral code goes into a shared card, their binding decides the invitation. */
export function useShop() {
  return useAsync(async () => {
    const [catalog, me] = await Promise.all([api.products(), api.me()]);
    return { catalog, me };
  }, []);
}
