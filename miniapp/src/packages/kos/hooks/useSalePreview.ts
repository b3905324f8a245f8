import type { SalePreviewBody } from '@sharecircle/shared';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';
import { api, type SalePreview } from '../../../services/api';

/** Typing a price or tapping a stepper changes the lines many times a second: ask once they settle. */
export const PREVIEW_DEBOUNCE_MS = 400;

export type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; preview: SalePreview }
  | { status: 'error'; error: unknown };

/** The commission the sale would pay (POST /sales/preview), asked again, debounced, whenever the body changes. */
export function useSalePreview(body: SalePreviewBody | null): PreviewState {
  const key = body ? JSON.stringify(body) : null;
  const settledKey = useDebouncedValue(key, PREVIEW_DEBOUNCE_MS);
  const [state, setState] = useState<PreviewState>({ status: 'idle' });

  // Loading from the first change, so the old figure never shows beside new lines.
  useEffect(() => setState(key === null ? { status: 'idle' } : { status: 'loading' }), [key]);

  useEffect(() => {
    if (settledKey === null || settledKey !== key) return undefined;
    let current = true;
    api.previewSale(JSON.parse(settledKey) as SalePreviewBody).then(
      (preview) => current && setState({ status: 'ready', preview }),
      (error: unknown) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [settledKey, key]);

  return state;
}
