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

/**
 * A day's journal entries packed into one number each (amount, state, and whether the provider
 * books it on the bill's day), keyed by out_trade_no or refund key: 100,000 of these take a few MB
 * where as many row objects take tens, and a reconciliation must fit beside the till (issue 12:
 * under 200 MB for a 100,000-line day). Details are read back for the few that differ.
 */
export type TillIndex = Map<string, number>;

const STATES = ['SUCCESS', 'FAILED', 'CANCELLED', 'UNKNOWN', 'CREATED', 'SENT', 'WAITING', 'QUERYING', 'CANCELLING', 'PENDING', 'OTHER'] as const;
const STATE_CODE = new Map<string, number>(STATES.map((s, i) => [s, i]));

export function pack(amountFen: number, state: string, onBillDay: boolean): number {
  return (amountFen * 16 + (STATE_CODE.get(state) ?? STATES.length - 1)) * 2 + (onBillDay ? 1 : 0);
}

export function unpack(v: number): { amountFen: number; state: string; onBillDay: boolean } {
  const onBillDay = v % 2 === 1;
  const rest = (v - (v % 2)) / 2;
  return { amountFen: Math.floor(rest / 16), state: STATES[rest % 16] ?? 'OTHER', onBillDay };
}

export const refundKey = (outTradeNo: string, outRefundNo: string) => `${outTradeNo}\u0000${outRefundNo}`;

/** A read of the journal: one window of days in bulk, and single numbers the bill names outside it. */
export interface TillLedger {
  /**
   * Attempts created on any of `days` (the bill's day ±1: bills cut on completion time), by
   * out_trade_no; onBillDay: the provider books it on `billDay` (its payment time's date, else the
   * day it was made).
   */
  paymentIndex(provider: BillProvider, days: readonly string[], billDay: string): TillIndex;
  /** Refunds made on any of `days`, by refundKey(out_trade_no, out_request_no); onBillDay: made on `billDay`. */
  refundIndex(provider: BillProvider, days: readonly string[], billDay: string): TillIndex;
  payment(outTradeNo: string): TillPayment | undefined;
  refundsOf(outTradeNo: string): TillRefund[];
}
