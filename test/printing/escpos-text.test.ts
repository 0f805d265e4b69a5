// Text-mode ESC/POS read back by the test's own ESC/POS reader: the Chinese comes back through
// GB18030 inside FS & … FS ., ￥ and full-width punctuation are double-byte GB codes, columns on
// paper match the layout at both widths, the QR code carries the out_trade_no, and the paper is cut.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../app/common/receipt/layout.ts';
import { PAPER, type PaperWidth, type ReceiptData } from '../../app/common/receipt/model.ts';
import { displayWidth } from '../../app/common/receipt/width.ts';
import { encodeEscPosText, encodeLineText } from '../../app/printing/escposText.ts';
import { readEscPos } from '../helpers/escpos-reader.ts';
import { refundReceipt, reportReceipt, saleReceipt } from './receipts.ts';

const RECEIPTS: Array<[string, ReceiptData]> = [
  ['sale', saleReceipt()],
  ['training sale', saleReceipt({ training: true })],
  ['refund', refundReceipt()],
  ['Z report', reportReceipt()],
];

function indexOfBytes(hay: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i <= hay.length - needle.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

describe('the ESC/POS reader', () => {
  it('reads hand-made bytes: GB18030 in Chinese mode, a double-width line, a QR code and a cut', () => {
    const bytes = new Uint8Array([
      0x1b, 0x40, 0x1c, 0x26, 0xd6, 0xd0, 0xce, 0xc4, 0x1c, 0x2e, 0x41, 0x0a, // 中文A
      0x1d, 0x21, 0x11, 0x48, 0x49, 0x1d, 0x21, 0x00, 0x0a, // HI, double size
      0x1d, 0x28, 0x6b, 0x05, 0x00, 0x31, 0x50, 0x30, 0x4f, 0x4b, 0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30, // QR "OK"
      0x1d, 0x56, 0x01,
    ]);
    const doc = readEscPos(bytes);
    expect(doc.lines.map((l) => [l.text, l.columns])).toEqual([['中文A', 5], ['HI', 4]]);
    expect(doc.qrCodes).toEqual(['OK']);
    expect(doc.cuts).toBe(1);
    expect(doc.problems).toEqual([]);
  });

  it('flags Chinese sent without Chinese mode, which a printer prints as code-page garbage', () => {
    const doc = readEscPos(new Uint8Array([0xd6, 0xd0, 0x0a]));
    expect(doc.problems.length).toBeGreaterThan(0);
  });
});

describe.each([58, 80] as PaperWidth[])('text-mode ESC/POS on %i mm', (paper) => {
  const columns = PAPER[paper].columns;

  it.each(RECEIPTS)('%s: every line round-trips through GB18030 and takes on paper the columns the layout gave it', (_name, receipt) => {
    const layout = layoutReceipt(receipt, paper);
    const doc = readEscPos(encodeEscPosText(layout));
    expect(doc.problems).toEqual([]);
    const expected = layout.lines.flatMap((l) => (l.kind === 'text' ? [l] : []));
    // The reader also sees the line fed after the QR code and the feed before the cut.
    const printed = doc.lines.filter((l) => l.text !== '');
    expect(printed.map((l) => l.text)).toEqual(expected.filter((l) => l.text !== '').map((l) => l.text));
    for (const [i, l] of printed.entries()) {
      const want = expected.filter((e) => e.text !== '')[i]!;
      expect(l.columns, l.text).toBe(displayWidth(want.text) * (want.style === 'large' ? 2 : 1));
      expect(l.columns, l.text).toBeLessThanOrEqual(columns);
      expect(l.bold).toBe(want.style !== 'normal');
      expect(l.widthMultiplier).toBe(want.style === 'large' ? 2 : 1);
    }
  });

  it('right-aligns values to the last column on paper', () => {
    const doc = readEscPos(encodeEscPosText(layoutReceipt(saleReceipt(), paper)));
    for (const label of ['门店号', '支付时间', '金额', '付款账户']) {
      const line = doc.lines.find((l) => l.text.startsWith(label))!;
      expect(line.columns, label).toBe(columns);
    }
  });

  it('prints the refund QR code with the out_trade_no, centred, then cuts the paper once at the end', () => {
    const bytes = encodeEscPosText(layoutReceipt(saleReceipt({ outTradeNo: 'T01-20261121-0042' }), paper));
    const doc = readEscPos(bytes);
    expect(doc.qrCodes).toEqual(['T01-20261121-0042']);
    const names = doc.commands.map((c) => c.name);
    expect(names[0]).toBe('ESC @ initialize');
    expect(names.at(-1)).toBe('GS V cut');
    expect(doc.cuts).toBe(1);
    const qrPrint = names.indexOf('GS ( k QR fn 81');
    const alignBefore = doc.commands.slice(0, qrPrint).filter((c) => c.name === 'ESC a align').at(-1);
    expect(alignBefore?.bytes[2]).toBe(1);
  });
});

describe('currency sign and full-width punctuation', () => {
  it('sends ￥ as the double-byte GB code A3 A4 in Chinese mode, never the 4-byte GB18030 form of ¥', () => {
    const bytes = encodeEscPosText(layoutReceipt(saleReceipt(), 58));
    expect(indexOfBytes(bytes, [0xa3, 0xa4, 0x31, 0x32, 0x2e, 0x33, 0x34])).toBeGreaterThan(0); // ￥12.34
    expect(indexOfBytes(bytes, [0x81, 0x30, 0x84, 0x36])).toBe(-1); // GB18030's ¥
    const amount = readEscPos(bytes).lines.find((l) => l.text.startsWith('金额'))!;
    expect(amount.text.endsWith('￥12.34')).toBe(true);
  });

  it('round-trips full-width punctuation, two bytes and two columns each', () => {
    const text = '全角标点：，。；！？（）“”、';
    const bytes = new Uint8Array(encodeLineText(text));
    const doc = readEscPos(new Uint8Array([...bytes, 0x0a]));
    expect(doc.lines[0]!.text).toBe(text);
    expect(doc.lines[0]!.columns).toBe(displayWidth(text));
    expect(bytes.length).toBe(2 + text.length * 2 + 2); // FS &, two bytes a character, FS .
  });

  it('keeps plain ASCII lines out of Chinese mode', () => {
    expect(encodeLineText('T01-20261121-0001')).toEqual([...Buffer.from('T01-20261121-0001')]);
  });

  it('prints characters outside GBK as a full-width ？ for GBK printers, and as they are for GB18030 ones', () => {
    const name = '𠀀记小吃'; // U+20000 needs GB18030's four bytes
    expect(iconv.encode(name, 'gb18030').length).toBe(4 + 6);
    const gbk = readEscPos(new Uint8Array([...encodeLineText(name, 'gbk'), 0x0a])).lines[0]!;
    expect(gbk.text).toBe('？记小吃');
    expect(gbk.columns).toBe(displayWidth(name));
    const full = readEscPos(new Uint8Array([...encodeLineText(name, 'gb18030'), 0x0a])).lines[0]!;
    expect(full.text).toBe(name);
    expect(full.columns).toBe(displayWidth(name));
  });
});
