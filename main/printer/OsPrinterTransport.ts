// The OS printer: Electron's silent print of the receipt as a page exactly the paper's size
// (field-notes.md item 13: without pageSize it comes out tiny, blank or A4). This file imports no
// Electron: main/ passes in the function that prints (a hidden window's webContents.print) and,
// where it can tell, the printer's state, so the transport is tested with fakes.
import { PosError } from '../../app/common/errors.ts';
import type { PrinterTransport, PrintJob, PrintOutcome } from '../../app/printing/PrinterTransport.ts';
import { statusError, type PrinterStatus } from '../../app/printing/realtimeStatus.ts';
import { receiptHtml } from '../../app/printing/receiptHtml.ts';

/** The options to pass to `webContents.print` as they are, after loading `html` into a hidden window. */
export type SilentPrintRequest = {
  html: string;
  options: {
    silent: true;
    deviceName: string;
    printBackground: true;
    margins: { marginType: 'none' };
    /** Microns: the paper's width (58000 or 80000) and the receipt's height. */
    pageSize: { width: number; height: number };
  };
};

/** Electron's print callback as a promise: `(success, failureReason)`. */
export type SilentPrint = (request: SilentPrintRequest) => Promise<{ success: boolean; failureReason?: string }>;

/** What the OS says of the printer (Windows PRINTER_STATUS_* bits, CUPS printer-state-reasons). */
export type OsPrinterState = 'ready' | 'offline' | 'paper-out' | 'cover-open' | 'error' | 'missing' | 'unknown';

export type OsPrinterDeps = {
  deviceName: string;
  print: SilentPrint;
  printerState?: (deviceName: string) => Promise<OsPrinterState>;
};

function toStatus(state: OsPrinterState): PrinterStatus {
  if (state === 'unknown') return { answered: false, reason: 'the OS does not report this printer’s state' };
  if (state === 'missing') return { answered: false, reason: 'the OS has no printer of this name' };
  return {
    answered: true,
    online: state === 'ready',
    coverOpen: state === 'cover-open',
    paperOut: state === 'paper-out',
    paperNearEnd: false,
    errors: state === 'error' ? ['unrecoverable'] : [],
  };
}

export class OsPrinterTransport implements PrinterTransport {
  readonly accepts = 'layout';
  readonly target: string;
  private readonly deps: OsPrinterDeps;

  constructor(deps: OsPrinterDeps) {
    this.deps = deps;
    this.target = `os:${deps.deviceName}`;
  }

  async status(): Promise<PrinterStatus> {
    return toStatus(this.deps.printerState ? await this.deps.printerState(this.deps.deviceName) : 'unknown');
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    const state = this.deps.printerState ? await this.deps.printerState(this.deps.deviceName) : 'unknown';
    const status = toStatus(state);
    // Only a missing printer is an error when unanswered: many OS drivers report nothing at all.
    const problem = state === 'unknown' ? null : statusError(status, this.target);
    if (problem) throw problem;
    const { html, pageSize } = receiptHtml(job.layout);
    const result = await this.deps.print({
      html,
      options: { silent: true, deviceName: this.deps.deviceName, printBackground: true, margins: { marginType: 'none' }, pageSize },
    });
    if (!result.success) {
      const reason = result.failureReason ?? 'unknown reason';
      const code = /invalid device|not found|no printer/i.test(reason) ? 'PRINTER_OFFLINE' : 'PRINTER_ERROR';
      throw new PosError(code, `${this.target}: ${reason}`, { details: { target: this.target, failureReason: reason } });
    }
    return { status };
  }

  async close(): Promise<void> {}
}
