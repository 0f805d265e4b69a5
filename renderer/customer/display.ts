// What the customer display may show: an amount and a status word, nothing else (no trade
// numbers, no buyer, no code). Both the cashier's sale and the core's payment pushes are reduced
// to this before they leave for the second screen.
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { checkAmount } from '../sale/amountText.ts';
import type { SaleState } from '../sale/saleMachine.ts';

export type DisplayStatus = 'idle' | 'amount' | 'scan' | 'paying' | 'waiting' | 'paid' | 'failed' | 'unknown';

export type Display = { status: DisplayStatus; amountFen: number | null; training: boolean };

export const IDLE_DISPLAY: Display = { status: 'idle', amountFen: null, training: false };

export function displayOfPayment(p: Pick<PaymentView, 'status' | 'state' | 'amountFen' | 'training'>): Display {
  const status: DisplayStatus =
    p.status === 'SUCCESS' ? 'paid'
      : p.status === 'FAILED' || p.status === 'CANCELLED' ? 'failed'
        : p.state === 'WAITING' ? 'waiting'
          : p.state === 'UNKNOWN' ? 'unknown'
            : 'paying';
  return { status, amountFen: p.amountFen, training: p.training };
}

export function displayOfSale(s: SaleState, training: boolean): Display {
  const typed = 'draft' in s ? checkAmount(s.draft.amountText) : null;
  const fen = typed?.ok ? typed.fen : null;
  switch (s.phase) {
    case 'checking':
      return { status: 'idle', amountFen: null, training };
    case 'amount':
      return { status: fen === null ? 'idle' : 'amount', amountFen: fen, training };
    case 'scan':
      return { status: 'scan', amountFen: fen, training };
    case 'paying':
      return s.payment ? displayOfPayment(s.payment) : { status: 'paying', amountFen: fen, training };
    case 'result':
    case 'unknown':
      return s.payment ? displayOfPayment(s.payment) : { status: 'unknown', amountFen: fen, training };
  }
}

export function sameDisplay(a: Display, b: Display): boolean {
  return a.status === b.status && a.amountFen === b.amountFen && a.training === b.training;
}

/** Checks a message from another page before it is believed. */
export function isDisplay(x: unknown): x is Display {
  const d = x as Partial<Display> | null;
  return typeof d === 'object' && d !== null
    && ['idle', 'amount', 'scan', 'paying', 'waiting', 'paid', 'failed', 'unknown'].includes(d.status as string)
    && (d.amountFen === null || (typeof d.amountFen === 'number' && Number.isSafeInteger(d.amountFen)))
    && typeof d.training === 'boolean';
}
