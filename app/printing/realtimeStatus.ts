// Real-time status (ESC/POS `DLE EOT n`): the printer answers one byte per request even while
// it is offline or its buffer is full, which is how the till tells paper out, cover open and
// offline apart instead of printing into the void (field-notes.md item 13).
import { PosError } from '../common/errors.ts';
import type { PrinterLink } from './PrinterTransport.ts';

export const DLE = 0x10;
export const EOT = 0x04;

/** The four requests: printer, offline cause, error cause, paper roll sensor. */
export const STATUS_REQUEST = { printer: 1, offlineCause: 2, errorCause: 3, paperSensor: 4 } as const;

export type PrinterError = 'mechanical' | 'cutter' | 'unrecoverable' | 'auto-recoverable';

export type PrinterStatus =
  | {
      answered: true;
      online: boolean;
      coverOpen: boolean;
      paperOut: boolean;
      paperNearEnd: boolean;
      errors: PrinterError[];
      /** The answer bytes to DLE EOT 1, 2, 3, 4; absent when the OS reported the status. */
      raw?: [number, number, number, number];
    }
  | { answered: false; reason: string };

/** A status byte always has bit 1 and bit 4 set and bits 0 and 7 clear (Automatic Status Back bytes differ). */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** Decodes the answers to DLE EOT 1, 2, 3 and 4 (bit numbers from the ESC/POS command reference). */
export function decodeStatus(printer: number, offlineCause: number, errorCause: number, paperSensor: number): PrinterStatus & { answered: true } {
  const errors: PrinterError[] = [];
  if (errorCause & 0x04) errors.push('mechanical');
  if (errorCause & 0x08) errors.push('cutter');
  if (errorCause & 0x20) errors.push('unrecoverable');
  if (errorCause & 0x40) errors.push('auto-recoverable');
  return {
    answered: true,
    online: (printer & 0x08) === 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    // Paper end shows as "printing stopped by paper end" (2, bit 5) or the roll sensor (4, bits 5–6).
    paperOut: (offlineCause & 0x20) !== 0 || (paperSensor & 0x60) !== 0,
    paperNearEnd: (paperSensor & 0x0c) !== 0,
    errors,
    raw: [printer, offlineCause, errorCause, paperSensor],
  };
}

const ERROR_TEXT: Readonly<Record<PrinterError, [en: string, zh: string]>> = {
  mechanical: ['mechanical error (paper jam?)', '机械故障（卡纸？）'],
  cutter: ['the cutter is stuck', '切刀故障'],
  unrecoverable: ['unrecoverable error: switch the printer off and on', '不可恢复的故障，请重启打印机'],
  'auto-recoverable': ['print head too hot, printing resumes when it cools', '打印头过热，冷却后自动恢复'],
};

/** The error a status means for printing, or null when the printer can print. Cover first: an open cover also stops the paper sensor. */
export function statusError(status: PrinterStatus, target: string): PosError | null {
  if (!status.answered) return new PosError('PRINTER_OFFLINE', `${target}: ${status.reason}`, { details: { target }, detailZh: `${target}：打印机无应答` });
  const details = status.raw ? { target, status: status.raw } : { target };
  if (status.coverOpen) return new PosError('PRINTER_COVER_OPEN', target, { details });
  if (status.paperOut) return new PosError('PRINTER_PAPER_OUT', target, { details });
  const first = status.errors[0];
  if (first) return new PosError('PRINTER_ERROR', `${target}: ${ERROR_TEXT[first][0]}`, { details, detailZh: `${target}：${ERROR_TEXT[first][1]}` });
  if (!status.online) return new PosError('PRINTER_OFFLINE', `${target}: the printer reports itself offline`, { details, detailZh: `${target}：打印机处于离线状态` });
  return null;
}

/** One status byte for DLE EOT n, skipping anything else the printer sends (ASB, XON/XOFF); null on timeout. */
async function ask(link: PrinterLink, n: number, timeoutMs: number): Promise<number | null> {
  await link.write(new Uint8Array([DLE, EOT, n]), timeoutMs);
  const deadlineMs = Date.now() + timeoutMs;
  for (;;) {
    const leftMs = deadlineMs - Date.now();
    if (leftMs <= 0) return null;
    const b = await link.readByte(leftMs);
    if (b === null) return null;
    if (isStatusByte(b)) return b;
  }
}

/** Asks the printer all four real-time statuses over `link`; `answered: false` when it does not answer in `timeoutMs` each. */
export async function requestStatus(link: PrinterLink, timeoutMs: number): Promise<PrinterStatus> {
  // Answers to an earlier request that timed out would otherwise be read as this one's.
  link.discardInput();
  const answers: number[] = [];
  for (const n of [STATUS_REQUEST.printer, STATUS_REQUEST.offlineCause, STATUS_REQUEST.errorCause, STATUS_REQUEST.paperSensor]) {
    const b = await ask(link, n, timeoutMs);
    if (b === null) {
      return { answered: false, reason: answers.length === 0 ? `no answer to a status request (DLE EOT ${n}) within ${timeoutMs} ms` : `stopped answering status requests at DLE EOT ${n}` };
    }
    answers.push(b);
  }
  const [printer = 0, offline = 0, error = 0, paper = 0] = answers;
  return decodeStatus(printer, offline, error, paper);
}
