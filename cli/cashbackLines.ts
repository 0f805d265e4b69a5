// How the CLI prints red packets (issue 14): `pos recover` lists the packets it settled, `pos report`
// says how much cashback went out and to how many payers.
import type { CashbackReport } from '../app/cashback/TransferJournal.ts';
import type { CashbackView } from '../app/common/cashback.ts';
import { fenToYuan } from '../app/common/money.ts';

export function packetLine(v: CashbackView): string {
  const why = v.reason && v.state !== 'SENT' ? `\n  ${v.reason.message}\n  ${v.reason.messageZh}` : '';
  return `red packet ${v.state}  ¥${v.amount} for ${v.outTradeNo}  out_biz_no ${v.outBizNo}${why}\n`;
}

export function cashbackJson(r: CashbackReport): Record<string, unknown> {
  return { count: r.sent.count, amount: fenToYuan(r.sent.amountFen), payers: r.sent.payers, open: r.open, refused: r.refused, skipped: r.skipped };
}

export function cashbackReportLines(r: CashbackReport): string {
  let out = `  cashback  ${String(r.sent.count).padStart(6)} packet(s) to ${r.sent.payers} payer(s)  ¥${fenToYuan(r.sent.amountFen).padStart(12)}  现金红包\n`;
  if (r.open) out += `  ${r.open} red packet(s) not confirmed yet: run pos recover\n`;
  if (r.refused || r.skipped) out += `  ${r.refused} refused by Alipay, ${r.skipped} not sent (budget or no payee)\n`;
  return out;
}
