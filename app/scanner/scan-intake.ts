// Where scans enter the sale: a ScanSource's codes pass the duplicate guard before they reach
// Checkout. Rejected scans still reach the screen, so the cashier sees why nothing happened.
import type { DuplicateGuard, GuardVerdict } from './duplicate-guard.ts';
import type { Scan, ScanSource } from './scan-source.ts';

export type IntakeHandlers = {
  /** A new scan for the sale: hand it to Checkout. */
  onCode: (scan: Scan) => void;
  /** A repeat or a scan during a payment: show it, do not charge it. */
  onRejected?: (scan: Scan, reason: Extract<GuardVerdict, { accepted: false }>['reason']) => void;
};

export function connectScans(source: ScanSource, guard: DuplicateGuard, handlers: IntakeHandlers): () => void {
  return source.onScan((scan) => {
    const verdict = guard.accept(scan.code, scan.at);
    if (verdict.accepted) handlers.onCode(scan);
    else handlers.onRejected?.(scan, verdict.reason);
  });
}
