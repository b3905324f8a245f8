import type { SalePreviewBody } from '@sharecircle/shared';
import { useEffect, useState } from 'react';
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
  const [state, setState] = useState<PreviewState>({ status: 'idle' });

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return undefined;
    }
    setState({ status: 'loading' });
    let current = true;
    const timer = setTimeout(() => {
      api.previewSale(JSON.parse(key) as SalePreviewBody).then(
        (preview) => current && setState({ status: 'ready', preview }),
        (error: unknown) => current && setState({ status: 'error', error }),
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);

  return state;
}
