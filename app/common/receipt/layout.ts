// The one layout of every receipt: sale, refund and the X/Z reports, for 58 mm (32 columns) and
// 80 mm (48 columns) paper. Text, ESC/POS, raster and PNG output all print these lines, so what
// the cashier previews is what the printer prints.
import { formatYuan } from '../money.ts';
import { maskAccount } from './account.ts';
import { paymentStatusName, providerName, refundStatusName, reportStatusName } from './labels.ts';
import { PAPER, type LineStyle, type PaperWidth, type ReceiptData, type ReceiptLayout, type ReceiptLine, type RefundReceipt, type ReportReceipt, type SaleReceipt } from './model.ts';
import { center, padEnd, padStart, toPrintable, wrap } from './text.ts';
import { formatReceiptTime } from './time.ts';
import { displayWidth } from './width.ts';

const TRAINING_MARK = ' 培训模式 TRAINING ';
const TRAINING_NOTE = '培训交易，非真实收款';

/** Collects lines for one paper width; every method makes its text printable and fits it. */
class LineBuilder {
  readonly lines: ReceiptLine[] = [];
  readonly columns: number;

  constructor(columns: number) {
    this.columns = columns;
  }

  private width(style: LineStyle): number {
    return style === 'large' ? Math.floor(this.columns / 2) : this.columns;
  }

  private push(text: string, style: LineStyle): void {
    this.lines.push({ kind: 'text', text: text.trimEnd(), style });
  }

  left(text: string, style: LineStyle = 'normal'): void {
    for (const l of wrap(toPrintable(text), this.width(style))) this.push(l, style);
  }

  centered(text: string, style: LineStyle = 'normal'): void {
    const w = this.width(style);
    for (const l of wrap(toPrintable(text), w)) this.push(center(l, w), style);
  }

  blank(): void {
    this.push('', 'normal');
  }

  rule(char: '-' | '=' = '-'): void {
    this.push(char.repeat(this.columns), 'normal');
  }

  /** Label at the left, value ending at the last column; the value moves under the label when both do not fit. */
  field(label: string, value: string, style: LineStyle = 'normal'): void {
    const w = this.width(style);
    const l = toPrintable(label);
    const v = toPrintable(value);
    if (displayWidth(l) + 1 + displayWidth(v) <= w) {
      this.push(l + padStart(v, w - displayWidth(l)), style);
      return;
    }
    this.left(l, style);
    for (const part of wrap(v, w)) this.push(padStart(part, w), style);
  }

  /** A line of stars with the mark in the middle, so a training receipt cannot be mistaken at a glance. */
  banner(mark: string): void {
    const spare = Math.max(0, this.columns - displayWidth(mark));
    const left = Math.floor(spare / 2);
    this.push('*'.repeat(left) + mark + '*'.repeat(spare - left), 'bold');
  }

  qr(data: string): void {
    this.lines.push({ kind: 'qr', data });
  }

  /**
   * Rows of columns: the first column takes what the others leave and wraps; the others are
   * right-aligned to the widest cell, so every column ends at the same place on every row.
   */
  table(header: readonly string[], rows: ReadonlyArray<readonly string[] | 'rule'>, style: LineStyle = 'normal'): void {
    const all = [header, ...rows].map((r) => (r === 'rule' ? r : r.map(toPrintable)));
    const cols = header.length;
    const cells = all.filter((r) => r !== 'rule');
    const widths = Array.from({ length: cols }, (_, c) => (c === 0 ? 0 : Math.max(...cells.map((r) => displayWidth(r[c] ?? '')))));
    widths[0] = this.columns - widths.slice(1).reduce((a, b) => a + b + 1, 0);
    all.forEach((row, i) => {
      if (row === 'rule') { this.rule(); return; }
      const first = wrap(row[0] ?? '', Math.max(2, widths[0]!));
      const rest = row.slice(1).map((cell, c) => ' ' + padStart(cell, widths[c + 1]!)).join('');
      this.push(padEnd(first[0] ?? '', widths[0]!) + rest, i === 0 ? 'bold' : style);
      for (const more of first.slice(1)) this.push(more, style);
    });
  }
}

function header(b: LineBuilder, d: { shopName: string; training: boolean }, title: string, reprint: boolean): void {
  if (d.training) {
    b.banner(TRAINING_MARK);
    b.centered(TRAINING_NOTE, 'bold');
  }
  b.centered(d.shopName, 'large');
  b.centered(title, 'bold');
  if (reprint) b.centered('** 重打印 REPRINT **', 'bold');
  b.rule('=');
}

function footer(b: LineBuilder, d: { training: boolean }): void {
  if (d.training) {
    b.rule();
    b.centered(TRAINING_NOTE, 'bold');
    b.banner(TRAINING_MARK);
  }
}

/** Only the ids the till was configured with ('' or '-' is none): a row of dashes says nothing. */
function place(b: LineBuilder, d: SaleReceipt | RefundReceipt | ReportReceipt, operator: string = d.operatorId): void {
  for (const [label, id] of [['门店号', d.storeId], ['终端号', d.terminalId], ['收银员', operator]] as const) {
    if (id !== '' && id !== '-') b.field(label, id);
  }
}

const cashierLabel = (c: { id: string | null; name: string | null }): string => (c.id === null ? '未登录' : c.name ? `${c.name} ${c.id}` : c.id);

/** 收银员 on a report: the one on duty all period, several (listed below), or the configured operator. */
function reportOperator(d: ReportReceipt): string {
  const c = d.cashiers ?? [];
  if (c.length === 0) return d.operatorId;
  return c.length === 1 ? cashierLabel(c[0]!) : `${c.length} 人（见下表）`;
}

/** Several cashiers in one period: each one's paid payments and, under them, their refunds. */
function cashierTable(b: LineBuilder, d: ReportReceipt): void {
  const c = d.cashiers ?? [];
  if (c.length < 2) return;
  b.rule();
  b.table(['收银员', '笔数', '金额'], c.flatMap((x) => [
    [cashierLabel(x), String(x.count), formatYuan(x.amountFen)],
    ...(x.refundCount > 0 ? [['  退款', String(x.refundCount), formatYuan(-x.refundFen)]] : []),
  ]));
}

function refundCode(b: LineBuilder, outTradeNo: string): void {
  b.blank();
  b.qr(outTradeNo);
  b.centered(outTradeNo);
  b.centered('退款时请出示此码');
}

function trade(b: LineBuilder, d: SaleReceipt | RefundReceipt): void {
  if (d.tradeNo !== null) b.field('交易号', d.tradeNo);
  b.field('商户订单号', d.outTradeNo);
  if (d.buyer !== null) b.field('付款账户', maskAccount(d.buyer));
}

function sale(b: LineBuilder, d: SaleReceipt): void {
  header(b, d, '支付凭证', d.reprint === true);
  place(b, d);
  b.field('支付时间', formatReceiptTime(d.time));
  b.rule();
  b.field('支付方式', d.method === 'qr' ? `${providerName(d.provider)} 扫码支付` : providerName(d.provider));
  b.field('交易状态', paymentStatusName(d.status));
  if (d.note) b.field('备注', d.note);
  b.rule();
  // The amount is what the customer checks: large, on its own line.
  b.field('金额', formatYuan(d.amountFen), 'large');
  // Cigarettes, deposits: the part no promotion could touch (issue 12).
  if (d.undiscountableFen && d.undiscountableFen > 0) b.field('不参与优惠', formatYuan(d.undiscountableFen));
  // Discounts by who funded them, what the customer paid, what the shop receives (issue 12).
  for (const l of d.amounts ?? []) b.field(l.zh, formatYuan(l.fen), l.key === 'buyerPays' ? 'bold' : 'normal');
  // Refunded since (a reprint from the detail): what went back, and what the shop kept.
  if (d.refundedFen && d.refundedFen > 0) {
    b.field(d.refundedFen >= d.amountFen ? '已全额退款' : '已部分退款', formatYuan(d.refundedFen));
    b.field('实收', formatYuan(d.amountFen - d.refundedFen), 'bold');
  }
  b.rule();
  trade(b, d);
  if (d.cashback) b.centered(d.cashback, 'bold');
  refundCode(b, d.outTradeNo);
  footer(b, d);
}

function refund(b: LineBuilder, d: RefundReceipt): void {
  header(b, d, '退款凭证', d.reprint === true);
  place(b, d);
  b.field('退款时间', formatReceiptTime(d.time));
  b.rule();
  b.field('支付方式', providerName(d.provider));
  b.field('退款状态', refundStatusName(d.status));
  b.field('原支付金额', formatYuan(d.amountFen));
  b.field('本次退款', formatYuan(d.refundFen), 'bold');
  b.field('累计已退', formatYuan(d.refundedTotalFen));
  b.field('剩余可退', formatYuan(d.leftFen));
  b.rule();
  b.field('退款单号', d.outRequestNo);
  trade(b, d);
  refundCode(b, d.outTradeNo);
  footer(b, d);
}

function report(b: LineBuilder, d: ReportReceipt): void {
  header(b, d, d.kind === 'X' ? 'X 报表（交班，不清零）' : 'Z 报表（日结）', d.reprint === true);
  place(b, d, reportOperator(d));
  b.field('营业日期', d.date);
  if (d.zNumber !== undefined) b.field('Z 序号', String(d.zNumber).padStart(4, '0'));
  b.field('打印时间', formatReceiptTime(d.printedAt));
  b.rule();
  b.table(['支付方式/状态', '笔数', '金额'], [
    ...d.byProvider.map((r) => [`${providerName(r.provider)} ${reportStatusName(r.status)}`, String(r.count), formatYuan(r.amountFen)]),
    'rule',
    ['退款', String(d.refunds.count), formatYuan(-d.refunds.amountFen)],
  ]);
  cashierTable(b, d);
  b.rule();
  b.field('净收入', formatYuan(d.netFen), 'bold');
  if (d.unresolved) b.left(`另有 ${d.unresolved} 笔结果待确认，未计入合计`, 'bold');
  b.blank();
  b.centered(d.kind === 'Z' ? '日结完成，本日合计已记录' : '交班小计，本日交易继续累计');
  footer(b, d);
}

/** Lays a receipt out for `paper`: 32 columns on 58 mm, 48 on 80 mm. */
export function layoutReceipt(data: ReceiptData, paper: PaperWidth): ReceiptLayout {
  const { columns } = PAPER[paper];
  const b = new LineBuilder(columns);
  if (data.type === 'sale') sale(b, data);
  else if (data.type === 'refund') refund(b, data);
  else report(b, data);
  return { paper, columns, lines: b.lines };
}

/** A page that shows whether the printer prints Chinese, aligns columns and cuts: for `pos print-test`. */
export function layoutTestPage(paper: PaperWidth, target: string, time: number | string): ReceiptLayout {
  const { columns } = PAPER[paper];
  const b = new LineBuilder(columns);
  b.centered('打印测试', 'large');
  b.centered('PRINT TEST', 'bold');
  b.rule('=');
  b.field('打印机', target);
  b.field('纸宽', `${paper} mm / ${columns} 列`);
  b.field('时间', formatReceiptTime(time));
  b.rule();
  b.left('1234567890'.repeat(Math.ceil(columns / 10)).slice(0, columns));
  b.left('中文对齐测试'.repeat(Math.ceil(columns / 12)).slice(0, columns / 2));
  b.field('金额', formatYuan(1234));
  b.field('全角标点', '，。：；！？（）');
  b.rule();
  b.qr('PRINT-TEST');
  b.centered('看到二维码和切纸即正常');
  return { paper, columns, lines: b.lines };
}
