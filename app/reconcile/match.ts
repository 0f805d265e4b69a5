// Matching a day's bill with the journal, line by line, in integer fen (qr-bills-transfers.md
// §3.3): payments by out_trade_no, refunds by (out_trade_no, refund number). A bill is cut on
// completion time, so the journal is read for the day either side and a line booked on a
// neighbouring day is matched, not reported. The outcome classes are the owner's questions:
// - in the bill, not in the till: the provider took money the till does not count as paid (a
//   payment the till thought failed or never settled): the costly case, refund or adopt it;
// - in the till, not in the bill: the till says paid, the provider does not: an incident;
// - amounts that differ.
import { tagOf } from '../checkout/ids.ts';
import { milliToFen } from './billCells.ts';
import type { BillLine, BillProvider, BillReading } from './billLine.ts';
import { refundKey, unpack, type TillIndex, type TillLedger } from './tillRecords.ts';

const SEEN = -1;

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
  /** This till's tag (app/checkout/ids.ts): a line whose out_trade_no carries another till's tag is another till's. */
  tillTag?: string | undefined;
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
  if (o.tillTag) {
    const tag = tagOf(l.outTradeNo);
    if (tag !== null && tag !== o.tillTag) return false;
  }
  return true;
}

/** `bill.lines` may be a stream: it is read once, and a throw from it (a bad bill) ends the match with no result. */
export function reconcile(bill: BillReading, ledger: TillLedger, o: MatchOptions = {}): Reconciliation {
  const days = neighbourDays(bill.day);
  const tillPays = ledger.paymentIndex(bill.provider, days, bill.day);
  const tillRefunds = ledger.refundIndex(bill.provider, days, bill.day);
  /** A number the window does not hold: asked of the journal one by one (a bill line from further away). */
  const payOf = (no: string) => {
    const v = tillPays.get(no);
    if (v !== undefined && v !== SEEN) return unpack(v);
    const p = ledger.payment(no);
    return p && p.provider === bill.provider ? { amountFen: p.amountFen, state: p.state } : undefined;
  };
  const refundOf = (no: string, req: string) => {
    const v = tillRefunds.get(refundKey(no, req));
    if (v !== undefined && v !== SEEN) return unpack(v);
    return ledger.refundsOf(no).find((x) => x.outRequestNo === req);
  };

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
  // A journal entry the bill has named is marked SEEN in its index rather than remembered in a set:
  // a set of the bill's own strings would keep every line of the bill alive (V8 slices substrings
  // out of their line), which is most of the memory a 100,000-line day would take.
  const seenOutside = new Set<string>();
  const firstSight = (index: TillIndex, key: string): boolean => {
    const v = index.get(key);
    if (v === SEEN) return false;
    if (v !== undefined) {
      index.set(key, SEEN);
      return true;
    }
    if (seenOutside.has(key)) return false;
    seenOutside.add(key);
    return true;
  };

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
      const p = payOf(l.outTradeNo);
      if (!firstSight(tillPays, l.outTradeNo)) {
        diff({ ...base, kind: 'twice-in-bill', tillAmountFen: null, tillState: ledger.payment(l.outTradeNo)?.state ?? null });
        continue;
      }
      if (!p || p.state !== 'SUCCESS') {
        add(r.payments.inBillNotInTill, l.amountFen);
        diff({ ...base, kind: 'in-bill-not-in-till', tillAmountFen: p?.amountFen ?? null, tillState: p?.state ?? null });
      } else if (p.amountFen !== l.amountFen) {
        r.payments.amountDiffers += 1;
        diff({ ...base, kind: 'amount-differs', tillAmountFen: p.amountFen, tillState: p.state });
      } else add(r.payments.matched, l.amountFen);
    } else {
      const key = refundKey(l.outTradeNo, l.outRefundNo ?? '');
      const t = refundOf(l.outTradeNo, l.outRefundNo ?? '');
      if (!firstSight(tillRefunds, key)) {
        diff({ ...base, kind: 'twice-in-bill', tillAmountFen: null, tillState: ledger.refundsOf(l.outTradeNo).find((x) => x.outRequestNo === l.outRefundNo)?.state ?? null });
        continue;
      }
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
  for (const [no, v] of tillPays) {
    if (v === SEEN) continue;
    const p = unpack(v);
    if (p.state !== 'SUCCESS' || !p.onBillDay) continue;
    add(r.payments.inTillNotInBill, p.amountFen);
    const detail = ledger.payment(no);
    diff({ kind: 'in-till-not-in-bill', what: 'payment', outTradeNo: no, outRefundNo: null, tradeNo: detail?.tradeNo ?? null, billAmountFen: null, tillAmountFen: p.amountFen, tillState: p.state, fileLine: null, finishedAt: detail?.paidAt ?? null });
  }
  for (const [key, v] of tillRefunds) {
    if (v === SEEN) continue;
    const t = unpack(v);
    if (t.state !== 'SUCCESS' || !t.onBillDay) continue;
    add(r.refunds.inTillNotInBill, t.amountFen);
    const [no, req] = key.split('\u0000') as [string, string];
    diff({ kind: 'in-till-not-in-bill', what: 'refund', outTradeNo: no, outRefundNo: req, tradeNo: null, billAmountFen: null, tillAmountFen: t.amountFen, tillState: t.state, fileLine: null });
  }
  r.fees.feeFen = milliToFen(r.fees.feeMilliFen);
  r.netSettledFen = r.bill.receivedFen - r.fees.feeFen;
  return r;
}
