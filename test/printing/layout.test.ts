// The receipt layout at 58 mm (32 columns) and 80 mm (48 columns): every field a receipt must
// carry, columns aligned by display width, the training mark, refunds and the X/Z reports.
import { describe, expect, it } from 'vitest';
import { maskAccount } from '../../app/common/receipt/account.ts';
import { layoutReceipt } from '../../app/common/receipt/layout.ts';
import { PAPER, type PaperWidth, type ReceiptLayout } from '../../app/common/receipt/model.ts';
import { layoutToText } from '../../app/common/receipt/plainText.ts';
import { formatReceiptTime } from '../../app/common/receipt/time.ts';
import { displayWidth } from '../../app/common/receipt/width.ts';
import { refundReceipt, reportReceipt, saleReceipt } from './receipts.ts';

const PAPERS: PaperWidth[] = [58, 80];

function texts(layout: ReceiptLayout): string[] {
  return layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));
}

/** The value printed for a label: on the label's line, or right-aligned on the lines under it. */
function fieldValue(layout: ReceiptLayout, label: string): string {
  const lines = texts(layout);
  const i = lines.findIndex((l) => l.startsWith(label));
  if (i < 0) throw new Error(`no ${label} on the receipt`);
  const rest = lines[i]!.slice(label.length).trim();
  if (rest !== '') return rest;
  const parts: string[] = [];
  for (const l of lines.slice(i + 1)) {
    if (!l.startsWith(' ')) break;
    parts.push(l.trim());
  }
  return parts.join('');
}

describe.each(PAPERS)('layout on %i mm paper', (paper) => {
  const columns = PAPER[paper].columns;
  const all = {
    sale: layoutReceipt(saleReceipt(), paper),
    training: layoutReceipt(saleReceipt({ training: true }), paper),
    refund: layoutReceipt(refundReceipt(), paper),
    X: layoutReceipt(reportReceipt({ kind: 'X', training: true, unresolved: 2 }), paper),
    Z: layoutReceipt(reportReceipt(), paper),
  };

  it(`has ${columns} columns and no line wider than the paper (half as many columns for large lines)`, () => {
    for (const layout of Object.values(all)) {
      expect(layout.columns).toBe(columns);
      for (const line of layout.lines) {
        if (line.kind !== 'text') continue;
        expect(displayWidth(line.text), line.text).toBeLessThanOrEqual(line.style === 'large' ? columns / 2 : columns);
      }
    }
  });

  it('carries every field of a sale: shop, store, terminal, cashier, time, amount, provider, trade numbers, masked buyer, QR', () => {
    const l = all.sale;
    expect(texts(l).join('')).toContain('示例便利店');
    expect(fieldValue(l, '门店号')).toBe('S001');
    expect(fieldValue(l, '终端号')).toBe('T01');
    expect(fieldValue(l, '收银员')).toBe('0007');
    expect(fieldValue(l, '支付时间')).toBe('2026-11-21 14:03:05');
    expect(fieldValue(l, '金额')).toBe('￥12.34');
    expect(fieldValue(l, '支付方式')).toBe('支付宝');
    expect(fieldValue(l, '交易状态')).toBe('支付成功');
    expect(fieldValue(l, '交易号')).toBe('2026112122001412345678901234');
    expect(fieldValue(l, '商户订单号')).toBe('T01-20261121-0001');
    expect(fieldValue(l, '付款账户')).toBe('159****5620');
    expect(l.lines.filter((x) => x.kind === 'qr')).toEqual([{ kind: 'qr', data: 'T01-20261121-0001' }]);
  });

  it('ends every label-and-value line at the last column, so values line up on the right', () => {
    for (const layout of [all.sale, all.refund]) {
      for (const l of layout.lines) {
        if (l.kind !== 'text' || !/^(门店号|终端号|收银员|支付时间|退款时间|金额|支付方式|原支付金额|本次退款|累计已退|剩余可退|付款账户) /.test(l.text)) continue;
        // A large line is double width: half the columns, each two wide on paper.
        expect(displayWidth(l.text), l.text).toBe(l.style === 'large' ? columns / 2 : columns);
      }
    }
  });

  it('shows a refund: this refund, all refunded so far and what is left, with the refund number', () => {
    const l = all.refund;
    expect(texts(l).join('')).toContain('退款凭证');
    expect(fieldValue(l, '原支付金额')).toBe('￥12.34');
    expect(fieldValue(l, '本次退款')).toBe('￥3.00');
    expect(fieldValue(l, '累计已退')).toBe('￥5.00');
    expect(fieldValue(l, '剩余可退')).toBe('￥7.34');
    expect(fieldValue(l, '退款单号')).toBe('T01-20261121-0001-R2');
    expect(fieldValue(l, '退款时间')).toBe('2026-11-21 15:03:05');
    expect(l.lines.some((x) => x.kind === 'qr' && x.data === 'T01-20261121-0001')).toBe(true);
  });

  it('shows on a reprinted sale what has been refunded since, and the net kept (issue 9 item 7)', () => {
    const partly = layoutReceipt(saleReceipt({ amountFen: 2000, refundedFen: 500, reprint: true }), paper);
    expect(fieldValue(partly, '已部分退款')).toBe('￥5.00');
    expect(fieldValue(partly, '实收')).toBe('￥15.00');
    const fully = layoutReceipt(saleReceipt({ amountFen: 2000, refundedFen: 2000, reprint: true }), paper);
    expect(fieldValue(fully, '已全额退款')).toBe('￥20.00');
    expect(fieldValue(fully, '实收')).toBe('￥0.00');
    expect(texts(all.sale).some((l) => l.startsWith('实收') || l.startsWith('已部分退款') || l.startsWith('已全额退款'))).toBe(false);
  });

  it('marks a training receipt loudly at the top and the bottom, and a real one not at all', () => {
    const t = texts(all.training);
    expect(t[0]).toMatch(/^\*+ 培训模式 TRAINING \*+$/);
    expect(t.at(-1)).toMatch(/^\*+ 培训模式 TRAINING \*+$/);
    expect(displayWidth(t[0]!)).toBe(columns);
    expect(texts(all.sale).join('\n')).not.toMatch(/培训|TRAINING/);
  });

  it('marks a reprint so it is not taken for a second payment', () => {
    expect(texts(layoutReceipt(saleReceipt({ reprint: true }), paper)).join('\n')).toContain('重打印 REPRINT');
    expect(texts(all.sale).join('\n')).not.toContain('重打印');
  });

  it('aligns the report table: counts end in one column and amounts at the last, on every row', () => {
    for (const layout of [all.X, all.Z]) {
      const rows = texts(layout).filter((l) => /^(支付方式\/状态|支付宝|微信支付|退款) /.test(l));
      expect(rows.length).toBe(5);
      const countEnds = rows.map((r) => displayWidth(r.replace(/ +\S+$/, '')));
      expect(new Set(countEnds).size).toBe(1);
      for (const r of rows) expect(displayWidth(r)).toBe(columns);
      expect(rows.join('\n')).toContain('￥34567.89');
      expect(rows.find((r) => r.startsWith('退款'))).toMatch(/ 2 +-￥5\.00$/);
    }
    expect(fieldValue(all.Z, '净收入')).toBe('￥34607.89');
  });

  it('tells X (running totals) from Z (close of day), and says what is not counted yet', () => {
    expect(texts(all.X).join('\n')).toContain('X 报表');
    expect(texts(all.Z).join('\n')).toContain('Z 报表');
    expect(texts(all.X).join('\n')).toContain('另有 2 笔结果待确认');
    expect(texts(all.Z).join('\n')).not.toContain('待确认，未计入');
  });

  it('wraps a long shop name on large lines without splitting a character', () => {
    const name = '示例便利店（南京西路店）Sample Mart 上海市静安区南京西路一千号';
    // The shop's name is the large text of the header (the amount, large too, comes after the first rule).
    const lines = layoutReceipt(saleReceipt({ shopName: name }), paper).lines;
    const headerEnd = lines.findIndex((l) => l.kind === 'text' && /^=+$/.test(l.text));
    const large = lines.slice(0, headerEnd).filter((l) => l.kind === 'text' && l.style === 'large');
    expect(large.length).toBeGreaterThan(1);
    expect(large.map((l) => (l.kind === 'text' ? l.text.trim() : '')).join('').replace(/ /g, '')).toBe(name.replace(/ /g, ''));
  });

  it('renders as plain text with the QR code named', () => {
    const text = layoutToText(all.sale);
    expect(text).toContain('[QR: T01-20261121-0001]');
    expect(text.split('\n').every((l) => displayWidth(l) <= columns)).toBe(true);
  });
});

describe('receipt details', () => {
  it('prints the amount large, the cashier\'s note, and only the store, terminal and cashier ids that are configured (issue 9 item 14)', () => {
    const l = layoutReceipt(saleReceipt({ note: '咖啡两杯', storeId: '', terminalId: 'T01', operatorId: '-' }), 58);
    const amount = l.lines.find((x) => x.kind === 'text' && x.text.startsWith('金额'));
    expect(amount?.kind === 'text' && amount.style).toBe('large');
    const text = layoutToText(l);
    expect(text).toMatch(/备注 +咖啡两杯/);
    expect(text).toMatch(/终端号 +T01/);
    expect(text).not.toContain('门店号');
    expect(text).not.toContain('收银员');
  });

  it('prints time in Shanghai (UTC+8), across the date line, whatever the machine zone', () => {
    expect(formatReceiptTime(Date.UTC(2026, 10, 21, 16, 30, 0))).toBe('2026-11-22 00:30:00');
    expect(formatReceiptTime(Date.UTC(2026, 11, 31, 15, 59, 59))).toBe('2026-12-31 23:59:59');
    expect(formatReceiptTime('2026-11-21 14:03')).toBe('2026-11-21 14:03');
  });

  it('keeps a gateway-masked account and masks one that is not', () => {
    expect(maskAccount('159****5620')).toBe('159****5620');
    expect(maskAccount('15912345620')).toBe('159****5620');
    expect(maskAccount('buyer@example.com')).toBe('buy***@example.com');
    expect(fieldValue(layoutReceipt(saleReceipt({ buyer: '15912345620' }), 58), '付款账户')).toBe('159****5620');
  });

  it('leaves out the trade number and buyer when the gateway gave none', () => {
    const t = texts(layoutReceipt(saleReceipt({ tradeNo: null, buyer: null }), 58)).join('\n');
    expect(t).not.toMatch(/^交易号/m);
    expect(t).not.toContain('付款账户');
  });

  it('prints an unknown status word as it is rather than failing', () => {
    expect(fieldValue(layoutReceipt(saleReceipt({ status: 'SOMETHING_NEW' }), 80), '交易状态')).toBe('SOMETHING_NEW');
  });
});
