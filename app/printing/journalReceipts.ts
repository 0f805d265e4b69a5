// Receipts built from what the journal knows: a sale, one of its refunds, or the day's X/Z report.
// Shared by the Electron shell, browser mode and `pos receipt` / `pos report --print`.
import { PosError } from '../common/errors.ts';
import { paidLines, readPaidDetail } from '../common/paidAmounts.ts';
import type { RefundReceipt, ReportCashier, ReportReceipt, SaleReceipt } from '../common/receipt/model.ts';
import { shanghaiDay } from '../common/time.ts';
import type { CashierTotals, DayClosure, DayReport } from '../journal/JournalStore.ts';
import type { Till } from '../till.ts';

/** Store, terminal and cashier ids are printed only when configured ('' leaves the line out). */
function header(till: Till, training: boolean) {
  const c = till.config;
  return { shopName: c.shopName, storeId: c.alipay.storeId ?? '', terminalId: c.alipay.terminalId ?? '', operatorId: c.alipay.operatorId ?? '', training };
}

/**
 * Who was on duty in a report's period (issue 12), named from the shop's list as it is now.
 * Nothing when no cashier signed in all period (or a Z stored before cashiers were counted): the
 * report then prints the configured operator, which is what those requests carried.
 */
function cashiersOf(till: Till, rows: CashierTotals[] | undefined): { cashiers?: ReportCashier[] } {
  if (!rows || !rows.some((r) => r.cashier !== null)) return {};
  const list = till.config.cashiers?.list ?? [];
  return {
    cashiers: rows.map((r) => ({
      id: r.cashier,
      name: (r.cashier !== null && list.find((c) => c.id === r.cashier)?.name) || null,
      count: r.paid.count,
      amountFen: r.paid.amountFen,
      refundCount: r.refunds.count,
      refundFen: r.refunds.amountFen,
    })),
  };
}

/** A cashier id with the shop's name for it, as the X/Z report prints them ("张三 001"); the id alone when unnamed. */
function cashierLabel(till: Till, id: string): string {
  const name = till.config.cashiers?.list?.find((c) => c.id === id)?.name;
  return name ? `${name} ${id}` : id;
}

/** The receipt for a payment, or for one of its refunds when `outRequestNo` is given. */
export function receiptFor(till: Till, outTradeNo: string, outRequestNo: string | undefined, reprint: boolean): SaleReceipt | RefundReceipt {
  const a = till.journal.getAttempt(outTradeNo);
  if (!a) throw new PosError('NOT_FOUND', `no payment ${outTradeNo}`);
  const sale: SaleReceipt = {
    type: 'sale',
    ...header(till, a.training),
    // The gateway's payment time when it gave one (already Shanghai time), else when the sale began.
    time: a.paidAt ?? a.createdAt,
    amountFen: a.amountFen,
    provider: a.provider,
    tradeNo: a.tradeNo,
    outTradeNo: a.outTradeNo,
    buyer: a.buyerLogonId,
    status: a.state,
    // The cashier's note became the payment's subject; the shop's default subject is no note.
    ...(a.subject && a.subject !== till.config.subject ? { note: a.subject } : {}),
    ...(reprint ? { reprint } : {}),
    // Issue 12: the cashier who took it (else the configured operator), and the part no promotion touched.
    ...(a.cashier ? { operatorId: cashierLabel(till, a.cashier) } : {}),
    ...(a.undiscountableFen ? { undiscountableFen: a.undiscountableFen } : {}),
    // Issue 11: the customer scanned the till's QR code.
    ...(a.method === 'qr' ? { method: 'qr' as const } : {}),
  };
  // 订单金额 / 优惠 / 顾客实付 / 商家实收 / 可开票金额, only when they differ from the total (issue 12).
  const amounts = paidLines(readPaidDetail(a.paidDetail));
  if (amounts.length > 0) sale.amounts = amounts;
  const cashback = till.cashback?.receiptLine(outTradeNo);
  if (cashback) sale.cashback = cashback;
  if (outRequestNo === undefined) {
    const refundedFen = till.journal.refundsFor(outTradeNo).filter((x) => x.state === 'SUCCESS').reduce((sum, x) => sum + x.amountFen, 0);
    if (refundedFen > 0) sale.refundedFen = refundedFen;
    return sale;
  }
  const refunds = till.journal.refundsFor(outTradeNo);
  const r = refunds.find((x) => x.outRequestNo === outRequestNo);
  if (!r) throw new PosError('NOT_FOUND', `no refund ${outRequestNo} of payment ${outTradeNo}`);
  const refundedTotalFen = refunds.filter((x) => x.state === 'SUCCESS').reduce((sum, x) => sum + x.amountFen, 0);
  const { type: _sale, ...payment } = sale;
  // 收银员 on a refund's receipt: who made the refund (issue 12), else as on the sale's.
  return { ...payment, ...(r.cashier ? { operatorId: cashierLabel(till, r.cashier) } : {}), type: 'refund', time: r.createdAt, status: r.state, refundFen: r.amountFen, refundedTotalFen, leftFen: a.amountFen - refundedTotalFen, outRequestNo: r.outRequestNo };
}

/** X: the running totals of a day, changing nothing. Z: the same totals as the day's close. */
export function reportReceipt(till: Till, day: string, kind: 'X' | 'Z', printedAt: number): ReportReceipt {
  // Z closes the day once, numbered; printing it again shows the totals as they were at the close.
  const closure = kind === 'Z' ? till.journal.closeDay(day, till.training, printedAt) : undefined;
  // X: the open business period (since the last Z), which is what the next Z will close (issue 8 item 6).
  const r = closure?.report ?? till.journal.periodReport(till.training);
  return {
    ...(closure ? { zNumber: closure.zNumber, ...(closure.firstClose ? {} : { reprint: true }) } : {}),
    type: 'report',
    ...header(till, till.training),
    kind,
    date: day,
    byProvider: r.rows.map((x) => ({ provider: x.provider, status: x.state, count: x.count, amountFen: x.amountFen })),
    refunds: r.refunds,
    netFen: r.netFen,
    printedAt,
    unresolved: r.unresolved,
    ...cashiersOf(till, r.cashiers),
  };
}

function reportOf(till: Till, kind: 'X' | 'Z', date: string, r: DayReport, printedAt: number): ReportReceipt {
  return {
    type: 'report',
    ...header(till, till.training),
    kind,
    date,
    byProvider: r.rows.map((x) => ({ provider: x.provider, status: x.state, count: x.count, amountFen: x.amountFen })),
    refunds: r.refunds,
    netFen: r.netFen,
    printedAt,
    unresolved: r.unresolved,
    ...cashiersOf(till, r.cashiers),
  };
}

/** X of the F5 screen: the open business period (the shift since the last Z), changing nothing. */
export function shiftReceipt(till: Till, printedAt: number): ReportReceipt {
  const r = till.journal.periodReport(till.training);
  // The open period has no day of its own until its Z: it is printed under today's.
  return reportOf(till, 'X', r.day || shanghaiDay(printedAt), r, printedAt);
}

/** Z of the F5 screen, from the close the journal has just made (or made before: a reprint). */
export function closureReceipt(till: Till, closure: DayClosure, printedAt: number): ReportReceipt {
  return { ...reportOf(till, 'Z', closure.day, closure.report, printedAt), zNumber: closure.zNumber, ...(closure.firstClose ? {} : { reprint: true }) };
}
