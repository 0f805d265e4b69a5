// The PrinterTransport port (design.md "Ports"): how a receipt reaches a printer. Serial, raw TCP
// (port 9100) and a USB printer device file carry ESC/POS bytes; the OS printer (Electron's silent
// print, in main/) takes the laid-out lines and renders them itself. Every implementation passes
// the one contract suite in test/printing/transport-contract.test.ts.
import type { ReceiptLayout } from '../common/receipt/model.ts';
import type { PrinterStatus } from './realtimeStatus.ts';

export type PrintJob = {
  /** The receipt as laid out: what a 'layout' transport renders. */
  layout: ReceiptLayout;
  /** The receipt as ESC/POS (text or raster mode): what an 'escpos' transport sends. */
  escpos?: Uint8Array;
};

export type PrintOutcome = {
  /** What the printer said before the job was sent; `answered: false` when it could not be asked. */
  status: PrinterStatus;
};

export interface PrinterTransport {
  /** Where the printer is, for messages: "tcp://10.0.0.5:9100", "serial:/dev/ttyUSB0", "os:XP-58". */
  readonly target: string;
  readonly accepts: 'escpos' | 'layout';
  /**
   * Checks the printer and sends one job. Rejects with a PosError: PRINTER_OFFLINE (unreachable or
   * not answering), PRINTER_PAPER_OUT, PRINTER_COVER_OPEN (nothing is sent then), PRINTER_ERROR.
   */
  print(job: PrintJob): Promise<PrintOutcome>;
  /** Asks the printer how it is; never rejects for a printer problem, only reports it. */
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

/** An open byte connection to an ESC/POS printer, for one job. */
export interface PrinterLink {
  /** False when the connection can only write (then the printer's status cannot be asked). */
  readonly readable: boolean;
  /** Resolves when the bytes are handed to the OS; rejects with a PosError after `timeoutMs`. */
  write(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  /** The next byte from the printer, or null when none came within `timeoutMs`. */
  readByte(timeoutMs: number): Promise<number | null>;
  /** Drops bytes received but not read yet. */
  discardInput(): void;
  close(): Promise<void>;
}
