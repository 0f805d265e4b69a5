// Printing a sale or refund receipt from what the journal knows, on the printer the settings name.
// It is HostDeps.printReceipt: the handlers call it after a successful payment and for a reprint.
import { PosError } from '../app/common/errors.ts';
import type { PaperWidth, RefundReceipt, SaleReceipt } from '../app/common/receipt/model.ts';
import { printReceipt } from '../app/printing/printService.ts';
import type { PrinterTransport } from '../app/printing/PrinterTransport.ts';
import type { Till } from '../app/till.ts';

export type ReceiptPrinterDeps = {
  till: () => Till;
  printer: () => { url: string | null; paperWidthMm: PaperWidth };
  openTransport: (url: string) => Promise<PrinterTransport>;
};

/** The receipt for a payment, or for one of its refunds when `outRequestNo` is given. */
export function receiptFor(till: Till, outTradeNo: string, outRequestNo: string | undefined, reprint: boolean): SaleReceipt | RefundReceipt {
  const a = till.journal.getAttempt(outTradeNo);
  if (!a) throw new PosError('NOT_FOUND', `no payment ${outTradeNo}`);
  const c = till.config;
  const sale: SaleReceipt = {
    type: 'sale',
    shopName: c.shopName,
    storeId: c.alipay.storeId ?? '-',
    terminalId: c.alipay.terminalId ?? '-',
    operatorId: c.alipay.operatorId ?? '-',
    training: a.training,
    // The gateway's payment time when it gave one (already Shanghai time), else when the sale began.
    time: a.paidAt ?? a.createdAt,
    amountFen: a.amountFen,
    provider: a.provider,
    tradeNo: a.tradeNo,
    outTradeNo: a.outTradeNo,
    buyer: a.buyerLogonId,
    status: a.state,
    ...(reprint ? { reprint } : {}),
  };
  if (outRequestNo === undefined) return sale;
  const refunds = till.journal.refundsFor(outTradeNo);
  const r = refunds.find((x) => x.outRequestNo === outRequestNo);
  if (!r) throw new PosError('NOT_FOUND', `no refund ${outRequestNo} of payment ${outTradeNo}`);
  const refundedTotalFen = refunds.filter((x) => x.state === 'SUCCESS').reduce((sum, x) => sum + x.amountFen, 0);
  const { type: _sale, ...payment } = sale;
  return { ...payment, type: 'refund', time: r.createdAt, status: r.state, refundFen: r.amountFen, refundedTotalFen, leftFen: a.amountFen - refundedTotalFen, outRequestNo: r.outRequestNo };
}

export function createReceiptPrinter(d: ReceiptPrinterDeps): (outTradeNo: string, outRequestNo?: string) => Promise<boolean> {
  // Receipts printed since the till started: printing one again marks it 重打印 so it is not taken
  // for a second sale. After a restart the first print is unmarked, which errs the harmless way.
  const printed = new Set<string>();
  return async (outTradeNo, outRequestNo) => {
    const { url, paperWidthMm } = d.printer();
    if (!url) throw new PosError('PRINTER_OFFLINE', 'no printer is set up (Settings → Printer)');
    const key = `${outTradeNo}/${outRequestNo ?? ''}`;
    const receipt = receiptFor(d.till(), outTradeNo, outRequestNo, printed.has(key));
    const transport = await d.openTransport(url);
    try {
      await printReceipt(transport, receipt, { paper: paperWidthMm, mode: 'text' });
    } finally {
      await transport.close();
    }
    printed.add(key);
    return true;
  };
}
