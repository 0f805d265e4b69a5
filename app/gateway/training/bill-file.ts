// The training gateway's day bill, in Alipay's format (app/reconcile/training/alipayBillFile.ts),
// from its own trade store. Fees are 0.6% of each trade (当面付's standard rate), rounded to the
// fen per line, and returned in proportion on a refund. Code …12 plants one difference.
import { alipayBillZip, type AlipayBillRow } from '../../reconcile/training/alipayBillFile.ts';
import type { BillStore, BilledTrade } from './bill-store.ts';
import { beijingDateTime } from './trade-ids.ts';
import { discountSplit } from './discounts.ts';

/** The training merchant's PID + "0156", as Alipay names its bill files. */
export const TRAINING_BILL_USER_ID = '20880000000000000156';
/** 0.6%, in parts per ten thousand. */
export const TRAINING_FEE_RATE_BP = 60;

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** [start, end) of a Beijing day in epoch ms. */
export function beijingDayRange(day: string): [number, number] {
  const start = Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS;
  return [start, start + 86_400_000];
}

export function feeFen(amountFen: number): number {
  return Math.floor((amountFen * TRAINING_FEE_RATE_BP + 5_000) / 10_000);
}

function billedAmount(t: BilledTrade): number {
  return t.totalFen + (t.behaviour.kind === 'pays-now' ? t.behaviour.billExtraFen ?? 0 : 0);
}

export function trainingBillRows(store: BillStore, day: string): AlipayBillRow[] {
  const [from, to] = beijingDayRange(day);
  const rows: AlipayBillRow[] = store.paidBetween(from, to).map((t) => {
    const amount = billedAmount(t);
    const split = discountSplit(t.behaviour, amount, t.undiscountableFen);
    const received = amount - split.merchantFen;
    return {
      tradeNo: t.tradeNo, outTradeNo: t.outTradeNo, refund: false, subject: t.subject, createdAt: beijingDateTime(t.createdAtMs), finishedAt: beijingDateTime(t.paidAtMs),
      account: t.buyerLogonId, amountFen: amount, receivedFen: received, merchantDiscountFen: split.merchantFen, alipayDiscountFen: split.platformFen, pointsFen: split.pointsFen,
      feeFen: -feeFen(received), memo: '',
    };
  });
  for (const r of store.refundsBetween(from, to)) {
    rows.push({
      tradeNo: r.tradeNo, outTradeNo: r.outTradeNo, refund: true, subject: r.subject, createdAt: beijingDateTime(r.refundedAtMs), finishedAt: beijingDateTime(r.refundedAtMs),
      account: r.buyerLogonId, amountFen: r.totalFen, receivedFen: -r.amountFen, outRequestNo: r.outRequestNo, feeFen: feeFen(r.amountFen), memo: '',
    });
  }
  return rows;
}

export function trainingBillZip(store: BillStore, day: string, nowMs: number): Uint8Array {
  const [, end] = beijingDayRange(day);
  const exported = beijingDateTime(nowMs);
  const zh = `${exported.slice(0, 4)}年${exported.slice(5, 7)}月${exported.slice(8, 10)}日 ${exported.slice(11)}`;
  return alipayBillZip({ userId: TRAINING_BILL_USER_ID, day, nextDay: beijingDateTime(end).slice(0, 10), exportedAt: zh, rows: trainingBillRows(store, day) });
}

