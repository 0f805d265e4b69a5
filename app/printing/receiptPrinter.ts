// Printing a sale or refund receipt from what the journal knows, on the printer the settings name.
// It is HostDeps.printReceipt: the handlers call it after a successful payment and for a reprint.
import { PosError } from '../common/errors.ts';
import type { PaperWidth } from '../common/receipt/model.ts';
import { receiptFor } from './journalReceipts.ts';
import { printReceipt } from './printService.ts';
import type { PrinterTransport } from './PrinterTransport.ts';
import type { Till } from '../till.ts';

export type ReceiptPrinterDeps = {
  till: () => Till;
  printer: () => { url: string | null; paperWidthMm: PaperWidth };
  openTransport: (url: string) => Promise<PrinterTransport>;
};

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
