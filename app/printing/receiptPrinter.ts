// Printing a sale or refund receipt from what the journal knows, on the printer the settings name.
// It is HostDeps.printReceipt: the handlers call it after a successful payment and for a reprint.
// It also prints any other receipt (the X and Z reports of the F5 screen) and remembers how the
// last print went, for the header's printer light (issue 9 items 12 and 14).
import { PosError, type ErrorData } from '../common/errors.ts';
import type { PaperWidth, ReceiptData } from '../common/receipt/model.ts';
import { receiptFor } from './journalReceipts.ts';
import { printReceipt } from './printService.ts';
import type { PrinterTransport } from './PrinterTransport.ts';
import type { Till } from '../till.ts';

export type ReceiptPrinterDeps = {
  till: () => Till;
  printer: () => { url: string | null; paperWidthMm: PaperWidth };
  openTransport: (url: string) => Promise<PrinterTransport>;
};

/** How the last print went: null before the first one. */
export type LastPrint = { at: number; target: string; error: ErrorData | null } | null;

export type ReceiptPrinter = ((outTradeNo: string, outRequestNo?: string) => Promise<boolean>) & {
  /** Prints any receipt as it is (an X or Z report). */
  printDocument?: (receipt: ReceiptData) => Promise<boolean>;
  lastPrint?: () => LastPrint;
};

export function createReceiptPrinter(d: ReceiptPrinterDeps): ReceiptPrinter {
  // Receipts printed since the till started: printing one again marks it 重打印 so it is not taken
  // for a second sale. After a restart the first print is unmarked, which errs the harmless way.
  const printed = new Set<string>();
  let last: LastPrint = null;
  const printDocument = async (receipt: ReceiptData): Promise<boolean> => {
    const { url, paperWidthMm } = d.printer();
    if (!url) throw new PosError('PRINTER_OFFLINE', 'no printer is set up (Settings → Printer)', { detailZh: '未设置打印机（设置 → 小票打印机）' });
    try {
      const transport = await d.openTransport(url);
      try {
        await printReceipt(transport, receipt, { paper: paperWidthMm, mode: 'text' });
      } finally {
        await transport.close();
      }
      last = { at: Date.now(), target: url, error: null };
      return true;
    } catch (e) {
      last = { at: Date.now(), target: url, error: e instanceof PosError ? e.toData() : new PosError('PRINTER_ERROR', (e as Error)?.message ?? String(e)).toData() };
      throw e;
    }
  };
  const printSale = async (outTradeNo: string, outRequestNo?: string): Promise<boolean> => {
    const key = `${outTradeNo}/${outRequestNo ?? ''}`;
    await printDocument(receiptFor(d.till(), outTradeNo, outRequestNo, printed.has(key)));
    printed.add(key);
    return true;
  };
  return Object.assign(printSale, { printDocument, lastPrint: () => last });
}
