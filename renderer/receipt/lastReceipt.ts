// One key reprints the last receipt from the sale screen (issue 9 item 14): the last paid sale of
// this screen is remembered as it is shown; F8 on the amount screen prints it again (marked 重打印
// by the core), and where nothing can print (browser mode without a printer) shows it instead.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { ReceiptPreviewView } from '../../app/common/ipc/counterViews.ts';
import { bridge } from '../bridge.ts';
import { saleStore } from '../sale/saleStore.ts';
import { refreshStatus } from '../status/StatusLights.tsx';
import { notify } from '../ui/uiStore.ts';

export const REPRINT_KEY = 'F8';

export type LastReceiptState = { outTradeNo: string | null; preview: ReceiptPreviewView | null; problem: ErrorData | null };

export const lastReceiptStore = createStore<LastReceiptState>()(() => ({ outTradeNo: null, preview: null, problem: null }));

export function watchLastReceipt(): () => void {
  return saleStore.subscribe((s) => {
    if (s.phase === 'result' && s.payment.status === 'SUCCESS' && lastReceiptStore.getState().outTradeNo !== s.payment.outTradeNo) {
      lastReceiptStore.setState({ outTradeNo: s.payment.outTradeNo });
    }
  });
}

export async function reprintLast(): Promise<void> {
  const no = lastReceiptStore.getState().outTradeNo;
  if (!no) return notify('receipt.noLast');
  const r = await bridge().receipt.print({ outTradeNo: no });
  void refreshStatus();
  if (r.ok) return notify('receipt.reprinted', { last4: no.slice(-4) });
  const preview = await bridge().receipt.preview({ outTradeNo: no });
  lastReceiptStore.setState({ preview: preview.ok ? preview.data : null, problem: r.error });
  if (!preview.ok) notify('receipt.notPrinted', { why: r.error.messageZh });
}

export function closeLastPreview(): void {
  lastReceiptStore.setState({ preview: null, problem: null });
}
