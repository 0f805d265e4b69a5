// The day's payments as CSV (issue 9 item 12), for a spreadsheet: a BOM so Excel reads the Chinese
// as UTF-8, CRLF rows, every cell quoted when it must be, amounts as plain yuan, and the codes and
// numbers as text ("=" prefixed would be a formula; a long number would lose its digits).
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { shanghaiDateTime } from '../../app/common/time.ts';
import { statusLabel } from '../sale/paymentStatus.ts';

const HEAD = ['时间 time', '金额 amount', '已退款 refunded', '状态 status', '支付方式 provider', '付款码尾号 code last 4', '商户订单号 out_trade_no', '交易号 trade_no', '培训 training'];

/** A cell as CSV: quoted when it holds a quote, comma or line break; a leading =+-@ is defused. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function paymentsCsv(payments: readonly PaymentView[]): string {
  const rows = payments.map((p) => [
    shanghaiDateTime(p.createdAt),
    fenToYuan(p.amountFen),
    fenToYuan(p.refundedFen ?? 0),
    statusLabel(p),
    p.provider,
    // As text: Excel keeps a leading zero of "0042" only in a text cell.
    `="${p.codeLast4}"`,
    p.outTradeNo,
    p.tradeNo ?? '',
    p.training ? 'yes' : 'no',
  ]);
  const cell = (v: string, i: number) => (i === 5 ? v : csvCell(v));
  return `\uFEFF${[HEAD, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** The file name: the till's day, so a month of exports sorts by date. */
export function csvFileName(day: string, search: string): string {
  const part = search.trim().replace(/[^0-9A-Za-z]/g, '');
  return `payments-${day}${part ? `-${part}` : ''}.csv`;
}
