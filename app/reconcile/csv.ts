// A day's reconciliation as CSV for the owner's spreadsheet: UTF-8 with a BOM (Excel reads
// Chinese headers right only then), every cell quoted, text cells that a spreadsheet would run as
// a formula (= + @) defused with a leading apostrophe.
import { fenToYuan } from '../common/money.ts';
import type { Difference, Reconciliation } from './match.ts';

export const KIND_ZH: Record<Difference['kind'], string> = {
  'in-bill-not-in-till': '账单有、收银台无',
  'in-till-not-in-bill': '收银台有、账单无',
  'amount-differs': '金额不符',
  'twice-in-bill': '账单重复',
};

export type CsvCell = string | number | null;

function cell(v: CsvCell): string {
  if (v === null) return '""';
  let t = String(v);
  if (typeof v === 'string' && /^[=+@]/.test(t)) t = `'${t}`;
  return `"${t.replaceAll('"', '""')}"`;
}

export const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(fen));

/** The whole file: the BOM, quoted cells, CRLF lines. */
export function csvDocument(rows: CsvCell[][]): string {
  return `\uFEFF${rows.map((cs) => cs.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function reconciliationCsv(r: Reconciliation): string {
  const rows: CsvCell[][] = [
    ['差异 kind', '类型 what', '商户订单号 out_trade_no', '退款单号 out_refund_no', '交易号 trade_no', '账单金额 bill', '收银台金额 till', '收银台状态 till state', '账单行 line', '完成时间 time'],
    ...r.differences.map((d) => [`${KIND_ZH[d.kind]} ${d.kind}`, d.what === 'payment' ? '支付 payment' : '退款 refund', d.outTradeNo, d.outRefundNo, d.tradeNo, yuan(d.billAmountFen), yuan(d.tillAmountFen), d.tillState, d.fileLine, d.finishedAt]),
    [],
    ...summaryRows(r),
  ];
  return csvDocument(rows);
}

type Counted = { count: number; amountFen: number };

/** The day's totals under the rows: the same for one till's reconciliation and the chain's. */
export function summaryRows(r: { day: string; provider: string; payments: { matched: Counted }; refunds: { matched: Counted }; bill: { receivedFen: number }; fees: { feeFen: number }; netSettledFen: number }): CsvCell[][] {
  return [
    ['日期 day', r.day],
    ['渠道 provider', r.provider],
    ['已核对支付 matched payments', r.payments.matched.count, yuan(r.payments.matched.amountFen)],
    ['已核对退款 matched refunds', r.refunds.matched.count, yuan(r.refunds.matched.amountFen)],
    ['商家实收 received', yuan(r.bill.receivedFen)],
    ['手续费 fees', yuan(r.fees.feeFen)],
    ['结算净额 net settled', yuan(r.netSettledFen)],
  ];
}
