// The last receipt on screen when F8 could not print it (receipt/lastReceipt.ts).
import { useStore } from 'zustand';
import { useT } from '../i18n/useT.ts';
import { closeLastPreview, lastReceiptStore } from './lastReceipt.ts';
import { ReceiptPreview } from './ReceiptPreview.tsx';

export function LastReceiptPreview() {
  const t = useT();
  const { preview, problem } = useStore(lastReceiptStore);
  if (!preview) return null;
  return <ReceiptPreview preview={preview} onClose={closeLastPreview} note={problem ? t('receipt.notPrinted', { why: t.error(problem) }) : undefined} />;
}
