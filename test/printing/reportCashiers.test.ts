// The X/Z report's 收银员 (issue 12): who was on duty in the period, not the configured
// alipay.operatorId. One cashier: named in the header; several: a table of each one's paid
// payments and refunds under the provider table, aligned, never wider than the paper.
import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../app/common/receipt/layout.ts';
import { PAPER, type PaperWidth, type ReceiptLayout } from '../../app/common/receipt/model.ts';
import { displayWidth } from '../../app/common/receipt/width.ts';
import { reportReceipt } from './receipts.ts';

const texts = (layout: ReceiptLayout): string[] => layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));

const TWO = [
  { id: '001', name: '张三', count: 12, amountFen: 3456789, refundCount: 2, refundFen: 500 },
  { id: 'C0000000000000000000000000027', name: null, count: 2, amountFen: 4500, refundCount: 0, refundFen: 0 },
  { id: null, name: null, count: 1, amountFen: 100, refundCount: 0, refundFen: 0 },
];

describe.each([58, 80] as PaperWidth[])('the report\'s cashiers on %i mm paper', (paper) => {
  const columns = PAPER[paper].columns;

  it('one cashier on duty all period: named as 收银员, not the configured operator; no table', () => {
    const lines = texts(layoutReceipt(reportReceipt({ operatorId: '0007', cashiers: [{ ...TWO[0]! }] }), paper));
    const line = lines.find((l) => l.startsWith('收银员'));
    expect(line).toMatch(/^收银员 +张三 001$/);
    expect(lines.join('\n')).not.toContain('0007');
    expect(lines.filter((l) => l.startsWith('收银员'))).toHaveLength(1);
  });

  it('several: the header says how many, and a table lists each one\'s count and sum, refunds under them, nobody-signed-in last', () => {
    const lines = texts(layoutReceipt(reportReceipt({ operatorId: '0007', cashiers: TWO }), paper));
    expect(lines.find((l) => l.startsWith('收银员 '))).toMatch(/^收银员 +3 人（见下表）$/);
    expect(lines.join('\n')).not.toContain('0007');
    const head = lines.findIndex((l) => /^收银员 +笔数 +金额$/.test(l));
    expect(head).toBeGreaterThan(0);
    const table = lines.slice(head, lines.findIndex((l, i) => i > head && /^-+$/.test(l)));
    expect(table[1]).toMatch(/^张三 001 +12 +￥34567\.89$/);
    expect(table[2]).toMatch(/^ {2}退款 +2 +-￥5\.00$/);
    // A long id wraps inside its column; its count and sum stay on its first line.
    const long = table.findIndex((l) => l.startsWith('C000'));
    expect(table[long]).toMatch(/ 2 +￥45\.00$/);
    expect(table.slice(long, long + 3).map((l) => l.replace(/ +\d+ +-?￥[\d.]+$/, '')).join('')).toContain(TWO[1]!.id);
    expect(table.at(-1)).toMatch(/^未登录 +1 +￥1\.00$/);
    // Counts end in one column and amounts at the last, on every row with numbers.
    const numbered = table.filter((l) => /￥[\d.]+$|金额$/.test(l));
    for (const l of numbered) expect(displayWidth(l)).toBe(columns);
    expect(new Set(numbered.map((l) => displayWidth(l.replace(/ +\S+$/, '')))).size).toBe(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
  });

  it('no cashier signed in all period (or a Z stored before cashiers were counted): the configured operator, as before', () => {
    const lines = texts(layoutReceipt(reportReceipt({ operatorId: '0007' }), paper));
    expect(lines.find((l) => l.startsWith('收银员'))).toMatch(/^收银员 +0007$/);
    expect(lines.some((l) => /^收银员 +笔数/.test(l))).toBe(false);
  });
});
