// The part every ESC/POS transport shares: open a link for the job, ask the printer's real-time
// status, refuse to send into a printer that is out of paper, open or offline, send, close.
// Subclasses in native/ only know how to open their kind of link.
import { BugError, PosError } from '../common/errors.ts';
import type { PrinterLink, PrinterTransport, PrintJob, PrintOutcome } from './PrinterTransport.ts';
import { requestStatus, statusError, type PrinterStatus } from './realtimeStatus.ts';

/**
 * required: no answer to the status request means PRINTER_OFFLINE (a serial or network printer
 *   that is switched off still has a port or a print server that accepts bytes);
 * best-effort: a problem the printer reports stops the job, silence does not (USB printers whose
 *   driver cannot read);
 * off: never ask (printers that misread DLE EOT).
 */
export type StatusCheck = 'required' | 'best-effort' | 'off';

export type RawTransportTimeouts = {
  statusCheck: StatusCheck;
  /** Per status request: printers answer DLE EOT within milliseconds. */
  statusTimeoutMs: number;
  /** For a whole job to be taken by the OS (a raster receipt is about 50–75 KB). */
  writeTimeoutMs: number;
};

export const DEFAULT_RAW_TIMEOUTS: RawTransportTimeouts = { statusCheck: 'required', statusTimeoutMs: 1000, writeTimeoutMs: 15_000 };

export abstract class RawPrinterTransport implements PrinterTransport {
  readonly accepts = 'escpos';
  abstract readonly target: string;
  protected readonly timeouts: RawTransportTimeouts;

  constructor(timeouts: Partial<RawTransportTimeouts> = {}) {
    this.timeouts = {
      statusCheck: timeouts.statusCheck ?? DEFAULT_RAW_TIMEOUTS.statusCheck,
      statusTimeoutMs: timeouts.statusTimeoutMs ?? DEFAULT_RAW_TIMEOUTS.statusTimeoutMs,
      writeTimeoutMs: timeouts.writeTimeoutMs ?? DEFAULT_RAW_TIMEOUTS.writeTimeoutMs,
    };
  }

  /** Opens a connection for one job; rejects with PRINTER_OFFLINE / PRINTER_ERROR. */
  protected abstract openLink(): Promise<PrinterLink>;

  async status(): Promise<PrinterStatus> {
    let link: PrinterLink;
    try {
      link = await this.openLink();
    } catch (e) {
      return { answered: false, reason: e instanceof Error ? e.message : String(e) };
    }
    try {
      if (!link.readable) return { answered: false, reason: 'this connection can only write' };
      return await requestStatus(link, this.timeouts.statusTimeoutMs);
    } finally {
      await link.close();
    }
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    if (!job.escpos) throw new BugError(`${this.target} prints ESC/POS, but the job has none`);
    const link = await this.openLink();
    try {
      const status = await this.check(link);
      await link.write(job.escpos, this.timeouts.writeTimeoutMs);
      return { status };
    } finally {
      await link.close();
    }
  }

  private async check(link: PrinterLink): Promise<PrinterStatus> {
    const { statusCheck, statusTimeoutMs } = this.timeouts;
    if (statusCheck === 'off') return { answered: false, reason: 'status check is off' };
    if (!link.readable) {
      if (statusCheck === 'required') throw new PosError('PRINTER_ERROR', `${this.target}: cannot read the printer's status over this connection; use status=best-effort`);
      return { answered: false, reason: 'this connection can only write' };
    }
    const status = await requestStatus(link, statusTimeoutMs);
    if (status.answered || statusCheck === 'required') {
      const problem = statusError(status, this.target);
      if (problem) throw problem;
    }
    return status;
  }

  async close(): Promise<void> {
    // TCP and USB links live for one job (a 9100 port serves one client at a time); a transport
    // that keeps its link open (serial) closes it here.
  }
}
