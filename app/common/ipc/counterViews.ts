// What the counter's extra screens get from the core (issue 9 items 12–14): the shift and day
// close (F5), receipt previews, and the header's printer and gateway lights. Plain data, like views.ts.
import type { ErrorData } from '../errors.ts';
import type { DayReportView } from './views.ts';

/**
 * A business period's takings (MONEY's JournalStore.periodReport): `closed` null for the open one,
 * the shift so far (X). `since` is when the previous Z closed (null before the first one).
 */
export type PeriodReportView = DayReportView & { period: number; closed: { zNumber: number; closedAt: number } | null; since: number | null };

/** A Z close: the period's totals as they were closed, and whether its printout came out. */
export type DayCloseView = {
  day: string;
  zNumber: number;
  closedAt: number;
  /** False: the period had been closed already under this day, and this is that close again. */
  firstClose: boolean;
  report: DayReportView;
  printed: boolean;
  /** Why the printout did not come out (no printer, paper out…); the close itself stands. */
  printError: ErrorData | null;
};

/** Which receipt: a sale, one of its refunds, or the shift's X report. */
export type ReceiptRef = { outTradeNo: string; outRequestNo?: string } | { report: 'X' };

/** A receipt as it would print (browser mode has no printer dialog): the PNG and its plain text. */
export type ReceiptPreviewView = { pngBase64: string; text: string; paperWidthMm: 58 | 80 };

/**
 * The header's lights. printer: 'none' (not set up), 'ready' (set up, the last print went out or
 * none was tried), 'error' (the last print failed: its error). gateway: 'in-process' (the training
 * gateway inside the till), 'reachable' / 'unreachable' (a TCP connection to it just now).
 */
export type TillStatusView = {
  printer: { state: 'none' | 'ready' | 'error'; target: string | null; error: ErrorData | null };
  gateway: { state: 'in-process' | 'reachable' | 'unreachable'; target: string | null; error: ErrorData | null };
  checkedAt: number;
};
