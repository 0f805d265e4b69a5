// The parts of answers that describe a trade, shared by pay, query, cancel and refund.
import { fenToYuan } from '../../common/money.ts';
import type { Trade } from './trade-store.ts';
import { beijingDateTime } from './trade-ids.ts';
import { paidAmountFields } from './discounts.ts';
import { openIdFor } from './open-ids.ts';

/** The amount-mismatch behaviour reports one yuan more than was charged, to test the till's check. */
export const MISMATCH_EXTRA_FEN = 100;

export function reportedTotalFen(t: Trade): number {
  return t.totalFen + (t.behaviour.kind === 'amount-mismatch' ? MISMATCH_EXTRA_FEN : 0);
}

export function identity(t: Trade): { trade_no: string; out_trade_no: string } {
  return { trade_no: t.tradeNo, out_trade_no: t.outTradeNo };
}

/** Whether query and refund may see the trade: a tombstone never existed, a QR trade not before its scan. */
export function existsForBuyer(t: Trade): boolean {
  return t.origin === 'bar_code' || (t.origin === 'precreate' && t.scanned);
}

/** The buyer as a paid answer names them: both ids, the open id being the calling app's own (qr-bills-transfers.md §4). */
export function buyerIds(t: Trade, appId: string): { buyer_user_id: string; buyer_open_id: string } {
  return { buyer_user_id: t.buyer.buyerUserId, buyer_open_id: openIdFor(appId, t.buyer.buyerUserId) };
}

/** A paid trade.pay answer; `paidAtMs` is passed so the forged answer can claim a payment that never was. */
export function paidFields(t: Trade, paidAtMs: number, appId: string): Record<string, unknown> {
  const amount = fenToYuan(reportedTotalFen(t));
  return {
    ...identity(t),
    buyer_logon_id: t.buyer.buyerLogonId,
    ...buyerIds(t, appId),
    total_amount: amount,
    ...paidAmountFields(t.behaviour, reportedTotalFen(t), t.undiscountableFen),
    gmt_payment: beijingDateTime(paidAtMs),
  };
}
