import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatYuan } from '@sharecircle/shared';
import { useMemo, useState } from 'react';
import { EmptyState, ErrorState, Loading } from '../../../components/StateViews';
import { useAsync } from '../../../hooks/useAsync';
import { api } from '../../../services/api';
import { describeError, isApiError } from '../../../services/errors';
import { strings } from '../../../strings';
import { useRecordSale } from '../hooks/useRecordSale';
import { useSaleDraft } from '../hooks/useSaleDraft';
import { useSalePreview } from '../hooks/useSalePreview';
import { CartCard } from './CartCard';
import { bodyLines, checkSale, previewBody, skuOptions, totalFen, type SaleProblems } from './draft';
import { PreviewCard } from './PreviewCard';
import { ProductPicker } from './ProductPicker';
import { CustomerCard, ReceiptCard } from './SaleFields';
import { SaleOutcome } from './SaleOutcome';
import { SubmitBar } from './SubmitBar';
import './index.scss';

function explainSaleError(error: unknown): string {
  if (isApiError(error) && strings.kos.sale.refusal[error.code]) return strings.kos.sale.refusal[error.code];
  return describeError(error);
}

/** WeChat scans the customer's code; on H5 (no JS-SDK) or any failure other than a cancel, the clerk types it. */
async function scanCustomerCode(): Promise<string | null> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode', 'barCode'] });
    return result.trim() || null;
  } catch (error) {
    if (!/cancel/i.test((error as { errMsg?: string })?.errMsg ?? '')) void Taro.showToast({ title: strings.kos.sale.scanUnavailable, icon: 'none' });
    return null;
  }
}

/** A clerk records an in-store sale: customer, SKUs and prices, receipt number, a commission preview, then POST /sales. */
export default function RecordSalePage() {
  const catalog = useAsync(() => api.products(), []);
  const catalogData = catalog.status === 'ready' ? catalog.data : null;
  const options = useMemo(() => (catalogData ? skuOptions(catalogData) : []), [catalogData]);
  const draft = useSaleDraft();
  const record = useRecordSale();
  const [customerCode, setCustomerCode] = useState('');
  const [receiptNo, setReceiptNo] = useState('');
  const [problems, setProblems] = useState<SaleProblems>({});
  /** Counts the sales recorded here: a new key starts the product picker afresh (search text, category). */
  const [recordedCount, setRecordedCount] = useState(0);
  const preview = useSalePreview(previewBody(draft.lines, customerCode));

  const customerRefused = isApiError(record.error, 'CUSTOMER_CODE_UNKNOWN');

  const submit = async () => {
    const found = checkSale(draft.lines, receiptNo);
    setProblems(found);
    const lines = bodyLines(draft.lines);
    const total = totalFen(draft.lines);
    if (found.receipt || found.lines || !lines || total === null) return;
    const { confirm } = await Taro.showModal({
      title: strings.kos.sale.confirmTitle,
      content: strings.kos.sale.confirmBody(receiptNo.trim(), formatYuan(total)),
      confirmText: strings.common.confirm,
      cancelText: strings.common.cancel,
    });
    if (!confirm) return;
    const code = customerCode.trim();
    const outcome = await record.submit({ receiptNo: receiptNo.trim(), lines, ...(code ? { customerCode: code } : {}) });
    if (outcome?.kind !== 'recorded') return;
    draft.clear();
    setReceiptNo('');
    setCustomerCode('');
    setRecordedCount((count) => count + 1);
    // The card of the sale just recorded sits at the top; the clerk tapped submit at the bottom of the list.
    void Taro.pageScrollTo({ scrollTop: 0 });
    void Taro.showToast({ title: strings.kos.sale.recorded, icon: 'success' });
  };

  let content;
  if (catalog.status === 'loading') content = <Loading />;
  else if (catalog.status === 'error') content = <ErrorState error={catalog.error} onRetry={catalog.reload} />;
  else if (options.length === 0) content = <EmptyState text={strings.kos.sale.catalogEmpty} />;
  else
    content = (
      <View>
        {record.outcome ? <SaleOutcome outcome={record.outcome} /> : null}
        <CustomerCard
          code={customerCode}
          problem={customerRefused ? explainSaleError(record.error) : null}
          onChange={(code) => {
            setCustomerCode(code);
            if (customerRefused) record.clearError();
          }}
          onScan={() => void scanCustomerCode().then((code) => code && setCustomerCode(code))}
        />
        <ReceiptCard receiptNo={receiptNo} problem={problems.receipt} onChange={setReceiptNo} />
        <ProductPicker
          key={recordedCount}
          catalog={catalog.data}
          options={options}
          quantityOf={(code) => draft.lines.find((line) => line.sku.code === code)?.quantity ?? 0}
          onQuantity={draft.setQuantity}
        />
        <CartCard lines={draft.lines} problem={problems.lines} onQuantity={draft.setQuantity} onPrice={draft.setPriceText} />
        <PreviewCard state={preview} explain={explainSaleError} />
        <SubmitBar
          totalFen={totalFen(draft.lines)}
          myCommissionFen={preview.status === 'ready' ? preview.preview.myCommissionFen : null}
          problem={record.error && !customerRefused ? explainSaleError(record.error) : null}
          submitting={record.submitting}
          onSubmit={submit}
        />
      </View>
    );
  return <View className='page sale page--with-bottom-bar'>{content}</View>;
}
