// What the till's journal says about a day, reduced to what a bill can be matched against.
import type { BillProvider } from './billLine.ts';

export type TillPayment = {
  outTradeNo: string;
  provider: string;
  /** The attempt's state (SUCCESS, FAILED, CANCELLED, UNKNOWN, …). */
  state: string;
  amountFen: number;
  /** Shanghai day the attempt was created. */
  day: string;
  /** The gateway's payment time, Beijing "yyyy-MM-dd HH:mm:ss", when the till has it. */
  paidAt: string | null;
  tradeNo: string | null;
};

export type TillRefund = { outRequestNo: string; outTradeNo: string; amountFen: number; state: string; day: string };

/** A read of the journal: one window of days in bulk, and single numbers the bill names outside it. */
export interface TillLedger {
  /** Attempts created on any of `days` (the bill's day ±1: bills cut on completion time). */
  payments(provider: BillProvider, days: readonly string[]): TillPayment[];
  refunds(provider: BillProvider, days: readonly string[]): TillRefund[];
  payment(outTradeNo: string): TillPayment | undefined;
  refundsOf(outTradeNo: string): TillRefund[];
}

/** The day the provider books a paid attempt on: its payment time's date, else the day it was made. */
export function bookedDay(p: TillPayment): string {
  return p.paidAt && /^\d{4}-\d{2}-\d{2}/.test(p.paidAt) ? p.paidAt.slice(0, 10) : p.day;
}
