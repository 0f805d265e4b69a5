// Matching a day's bill with the journal, line by line, in integer fen (qr-bills-transfers.md
// §3.3): payments by out_trade_no, refunds by (out_trade_no, refund number). A bill is cut on
// completion time, so the journal is read for the day either side and a line booked on a
// neighbouring day is matched, not reported. The outcome classes are the owner's questions:
// - in the bill, not in the till: the provider took money the till does not count as paid (a
//   payment the till thought failed or never settled): the costly case, refund or adopt it;
// - in the till, not in the bill: the till says paid, the provider does not: an incident;
// - amounts that differ.
import { milliToFen } from './billCells.ts';
import type { Bill, BillLine, BillProvider } from './billLine.ts';
import { bookedDay, type TillLedger, type TillPayment, type TillRefund } from './tillRecords.ts';

export type DifferenceKind = 'in-bill-not-in-till' | 'in-till-not-in-bill' | 'amount-differs' | 'twice-in-bill';

export type Difference = {
  kind: DifferenceKind;
  what: 'payment' | 'refund';
  outTradeNo: string;
  outRefundNo: string | null;
  tradeNo: string | null;
  billAmountFen: number | null;
  tillAmountFen: number | null;
  /** The journal's state for it (null: the journal has no such number at all). */
  tillState: string | null;
  /** Line in the raw bill file, when the bill has it. */
  fileLine: number | null;
  finishedAt: string | null;
};

export type Tally = { count: number; amountFen: number };

export type Reconciliation = {
  provider: BillProvider;
  day: string;
  payments: { matched: Tally; inBillNotInTill: Tally; inTillNotInBill: Tally; amountDiffers: number };
  refunds: { matched: Tally; inBillNotInTill: Tally; inTillNotInBill: Tally; amountDiffers: number };
  /** Bill lines of other tills on the same merchant account (a different terminal/store id): not ours to match. */
  otherTills: Tally;
  bill: { paymentCount: number; refundCount: number; receivedFen: number; merchantDiscountFen: number; platformDiscountFen: number };
  /** 服务费 / 手续费 for the day, rounded to fen once for the day; the exact figure in thousandths of a fen. */
  fees: { feeFen: number; feeMilliFen: number };
  /** What reaches the shop's account: 商家实收 of payments less refunds, less fees. */
  netSettledFen: number;
  differences: Difference[];
};

export type MatchOptions = {
  /** Only lines that name this till (or name no till) are ours; others are counted as otherTills. */
  terminalId?: string | undefined;
  storeId?: string | undefined;
};

export function neighbourDays(day: string): string[] {
  const t = Date.parse(`${day}T12:00:00Z`);
  const d = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return [d(t - 86_400_000), day, d(t + 86_400_000)];
}

const tally = (): Tally => ({ count: 0, amountFen: 0 });
const add = (t: Tally, fen: number) => {
  t.count += 1;
  t.amountFen += fen;
};

function ours(l: BillLine, o: MatchOptions): boolean {
  if (o.terminalId && l.terminalId && l.terminalId !== o.terminalId) return false;
  if (o.storeId && l.storeId && l.storeId !== o.storeId) return false;
  return true;
}

const refundKey = (outTradeNo: string, outRefundNo: string) => `${outTradeNo}\u0000${outRefundNo}`;

export function reconcile(bill: Pick<Bill, 'provider' | 'day' | 'lines'>, ledger: TillLedger, o: MatchOptions = {}): Reconciliation {
  const days = neighbourDays(bill.day);
  const tillPays = new Map<string, TillPayment>();
  for (const p of ledger.payments(bill.provider, days)) tillPays.set(p.outTradeNo, p);
  const tillRefunds = new Map<string, TillRefund>();
  for (const r of ledger.refunds(bill.provider, days)) tillRefunds.set(refundKey(r.outTradeNo, r.outRequestNo), r);

  const r: Reconciliation = {
    provider: bill.provider,
    day: bill.day,
    payments: { matched: tally(), inBillNotInTill: tally(), inTillNotInBill: tally(), amountDiffers: 0 },
    refunds: { matched: tally(), inBillNotInTill: tally(), inTillNotInBill: tally(), amountDiffers: 0 },
    otherTills: tally(),
    bill: { paymentCount: 0, refundCount: 0, receivedFen: 0, merchantDiscountFen: 0, platformDiscountFen: 0 },
    fees: { feeFen: 0, feeMilliFen: 0 },
    netSettledFen: 0,
    differences: [],
  };
  const diff = (d: Omit<Difference, 'finishedAt'> & { finishedAt?: string | null }) => r.differences.push({ ...d, finishedAt: d.finishedAt ?? null });
  const seenPays = new Set<string>();
  const seenRefunds = new Set<string>();

  for (const l of bill.lines) {
    // Every line counts toward what the account receives and pays in fees, ours or not.
    r.fees.feeMilliFen += l.feeMilliFen;
    r.bill.receivedFen += l.receivedFen;
    if (l.kind === 'payment') {
      r.bill.paymentCount += 1;
      r.bill.merchantDiscountFen += l.merchantDiscountFen;
      r.bill.platformDiscountFen += l.platformDiscountFen;
    } else r.bill.refundCount += 1;
    if (!ours(l, o)) {
      add(r.otherTills, l.amountFen);
      continue;
    }
    const base = { what: l.kind, outTradeNo: l.outTradeNo, outRefundNo: l.outRefundNo, tradeNo: l.tradeNo || null, billAmountFen: l.amountFen, fileLine: l.fileLine, finishedAt: l.finishedAt || null };
    if (l.kind === 'payment') {
      if (seenPays.has(l.outTradeNo)) {
        diff({ ...base, kind: 'twice-in-bill', tillAmountFen: null, tillState: tillPays.get(l.outTradeNo)?.state ?? null });
        continue;
      }
      seenPays.add(l.outTradeNo);
      const p = tillPays.get(l.outTradeNo) ?? ledger.payment(l.outTradeNo);
      if (!p || p.state !== 'SUCCESS') {
        add(r.payments.inBillNotInTill, l.amountFen);
        diff({ ...base, kind: 'in-bill-not-in-till', tillAmountFen: p?.amountFen ?? null, tillState: p?.state ?? null });
      } else if (p.amountFen !== l.amountFen) {
        r.payments.amountDiffers += 1;
        diff({ ...base, kind: 'amount-differs', tillAmountFen: p.amountFen, tillState: p.state });
      } else add(r.payments.matched, l.amountFen);
    } else {
      const key = refundKey(l.outTradeNo, l.outRefundNo ?? '');
      if (seenRefunds.has(key)) {
        diff({ ...base, kind: 'twice-in-bill', tillAmountFen: null, tillState: tillRefunds.get(key)?.state ?? null });
        continue;
      }
      seenRefunds.add(key);
      const t = tillRefunds.get(key) ?? ledger.refundsOf(l.outTradeNo).find((x) => x.outRequestNo === l.outRefundNo);
      if (!t || t.state !== 'SUCCESS') {
        add(r.refunds.inBillNotInTill, l.amountFen);
        diff({ ...base, kind: 'in-bill-not-in-till', tillAmountFen: t?.amountFen ?? null, tillState: t?.state ?? null });
      } else if (t.amountFen !== l.amountFen) {
        r.refunds.amountDiffers += 1;
        diff({ ...base, kind: 'amount-differs', tillAmountFen: t.amountFen, tillState: t.state });
      } else add(r.refunds.matched, l.amountFen);
    }
  }

  // The till's side: paid on this day (by the provider's clock when known) and absent from the bill.
  for (const p of tillPays.values()) {
    if (p.state !== 'SUCCESS' || seenPays.has(p.outTradeNo) || bookedDay(p) !== bill.day) continue;
    add(r.payments.inTillNotInBill, p.amountFen);
    diff({ kind: 'in-till-not-in-bill', what: 'payment', outTradeNo: p.outTradeNo, outRefundNo: null, tradeNo: p.tradeNo, billAmountFen: null, tillAmountFen: p.amountFen, tillState: p.state, fileLine: null, finishedAt: p.paidAt });
  }
  for (const [key, t] of tillRefunds) {
    if (t.state !== 'SUCCESS' || seenRefunds.has(key) || t.day !== bill.day) continue;
    add(r.refunds.inTillNotInBill, t.amountFen);
    diff({ kind: 'in-till-not-in-bill', what: 'refund', outTradeNo: t.outTradeNo, outRefundNo: t.outRequestNo, tradeNo: null, billAmountFen: null, tillAmountFen: t.amountFen, tillState: t.state, fileLine: null });
  }
  r.fees.feeFen = milliToFen(r.fees.feeMilliFen);
  r.netSettledFen = r.bill.receivedFen - r.fees.feeFen;
  return r;
}
