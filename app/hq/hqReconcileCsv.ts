// The chain's reconciliation as CSV for the owner's spreadsheet, in the till's format
// (app/reconcile/csv.ts: UTF-8 with a BOM, every cell quoted, formula-like text defused) with the
// store and till of each difference, and one row per till.
import { fenToYuan } from '../common/money.ts';
import { KIND_ZH, csvDocument, summaryRows, yuan, type CsvCell } from '../reconcile/csv.ts';
import type { ChainDifferenceKind, ChainReconciliation } from './hqReconcile.ts';

export const CHAIN_KIND_ZH: Record<ChainDifferenceKind, string> = { ...KIND_ZH, ambiguous: '多台收银台同号，无法归属' };


export function chainReconciliationCsv(r: ChainReconciliation): string {
  const rows: CsvCell[][] = [
    ['差异 kind', '类型 what', '商户订单号 out_trade_no', '退款单号 out_refund_no', '交易号 trade_no', '门店 store', '收银台 till', '账单金额 bill', '收银台金额 till', '收银台状态 till state', '账单行 line', '完成时间 time', '同号收银台 candidates', '未同步 till not synced'],
    ...r.differences.map((d) => [
      `${CHAIN_KIND_ZH[d.kind]} ${d.kind}`, d.what === 'payment' ? '支付 payment' : '退款 refund', d.outTradeNo, d.outRefundNo, d.tradeNo, d.storeId, d.tillId,
      yuan(d.billAmountFen), yuan(d.tillAmountFen), d.tillState, d.fileLine, d.finishedAt,
      d.candidates.map((c) => `${c.tillId} ${c.state} ${fenToYuan(c.amountFen)}`).join('; ') || null, d.tillUnsynced ? '是 yes' : null,
    ]),
    [],
    ['收银台 till', '门店 store', '账单支付笔数 bill payments', '账单支付金额 bill amount', '账单退款笔数 bill refunds', '账单退款金额 bill amount', '商家实收 received', '手续费 fees', '收银台支付笔数 till payments', '收银台支付金额 till amount', '收银台退款笔数 till refunds', '收银台退款金额 till amount', '差异 differences', '同步 synced'],
    ...r.tills.map((t) => [t.tillId, t.storeId, t.bill.payments.count, yuan(t.bill.payments.amountFen), t.bill.refunds.count, yuan(t.bill.refunds.amountFen), yuan(t.bill.receivedFen), yuan(t.bill.feeFen), t.till.payments.count, yuan(t.till.payments.amountFen), t.till.refunds.count, yuan(t.till.refunds.amountFen), t.differences, t.synced ? '是 yes' : `否 no: ${t.why}`]),
    [],
    ...summaryRows(r),
  ];
  return csvDocument(rows);
}
