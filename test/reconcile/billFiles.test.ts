// The bill formats: what the training gateways write is what the parsers read, byte for byte as the
// providers ship it (GBK names with the UTF-8 flag clear, tab-padded cells, backticks, SHA1 after
// gunzip), and every kind of bad file is refused with a zh/en reason.
import { createHash } from 'node:crypto';
import { gzipSync, unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import { parseAlipayBillZip } from '../../app/reconcile/alipayBillParse.ts';
import { yuanUnits } from '../../app/reconcile/billCells.ts';
import { alipayBillZip, alipayDetailCsv, gbkZip, type AlipayBillRow } from '../../app/reconcile/training/alipayBillFile.ts';
import { wechatTradeBillCsv, wechatTradeBillGzip, type WechatBillRow } from '../../app/reconcile/training/wechatBillFile.ts';
import { parseWechatBillGzip } from '../../app/reconcile/wechatBillParse.ts';

const USER = '20881234567890120156';
const DAY = '2026-06-05';

const pay = (n: number, fen: number, o: Partial<AlipayBillRow> = {}): AlipayBillRow => ({
  tradeNo: `2026060522001400000000000${n}`, outTradeNo: `TR2026060500000000000${n}`, refund: false, subject: '门店消费',
  createdAt: '2026-06-05 10:00:00', finishedAt: '2026-06-05 10:00:03', account: '159****5620', amountFen: fen, receivedFen: fen,
  feeFen: -Math.round(fen * 0.006), terminalId: 'T1', ...o,
});
const rows: AlipayBillRow[] = [
  pay(1, 1234),
  pay(2, 500, { merchantDiscountFen: 100, receivedFen: 400 }),
  { ...pay(1, 1234), refund: true, receivedFen: -300, outRequestNo: 'TR2026060500000000000001R1', feeFen: 2 },
];
const file = { userId: USER, day: DAY, nextDay: '2026-06-06', exportedAt: '2026年06月06日 06:27:10', rows };

function refusal(f: () => unknown): PosError {
  try {
    f();
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('Alipay trade bill', () => {
  it('is a zip with GBK entry names (UTF-8 flag clear), GBK contents and tab-padded cells', () => {
    const zip = alipayBillZip(file);
    const buf = Buffer.from(zip);
    // Local header general-purpose flags at offset 6: bit 11 (0x800) is the UTF-8 flag.
    expect(buf.readUInt16LE(6) & 0x800).toBe(0);
    expect(buf.includes(iconv.encode('业务明细.csv', 'gbk'))).toBe(true);
    expect(buf.includes(Buffer.from('业务明细', 'utf8'))).toBe(false);
    const entries = unzipSync(zip);
    const detail = Object.entries(entries).find(([n]) => iconv.decode(Buffer.from(n, 'latin1'), 'gbk').endsWith('_业务明细.csv'))!;
    const text = iconv.decode(Buffer.from(detail[1]), 'gbk');
    expect(text).toContain('#支付宝业务明细查询');
    expect(text).toContain('TR20260605000000000001\t,');
    expect(text).toContain('#交易合计：2笔，商家实收共16.34元');
  });

  it('parses back to lines in integer fen: refunds positive with their request number, fees as charged', () => {
    const bill = parseAlipayBillZip(alipayBillZip(file), DAY);
    expect(bill.lines).toHaveLength(3);
    expect(bill.lines[0]).toMatchObject({ kind: 'payment', outTradeNo: 'TR20260605000000000001', amountFen: 1234, receivedFen: 1234, feeMilliFen: 7000, terminalId: 'T1' });
    expect(bill.lines[1]).toMatchObject({ amountFen: 500, receivedFen: 400, merchantDiscountFen: 100 });
    expect(bill.lines[2]).toMatchObject({ kind: 'refund', outRefundNo: 'TR2026060500000000000001R1', amountFen: 300, receivedFen: -300, feeMilliFen: -2000 });
    expect(bill.totals).toMatchObject({ paymentCount: 2, refundCount: 1, receivedFen: 1334 });
  });

  const refusals: Array<[string, () => Uint8Array, RegExp]> = [
    ['a truncated zip', () => alipayBillZip(file).subarray(0, 300), /truncated|cannot be read/],
    ['an HTML error page', () => new TextEncoder().encode('<!DOCTYPE html><html><body>链接已失效</body></html>'), /web page/],
    ['unknown columns', () => gbkZip([{ name: `${USER}_20260605_业务明细.csv`, text: alipayDetailCsv(file).replace('商户订单号', 'merchant_order_no') }]), /unknown columns.*商户订单号/],
    ['rows that do not add up to the summary', () => gbkZip([{ name: `${USER}_20260605_业务明细.csv`, text: alipayDetailCsv(file).replace('#交易合计：2笔', '#交易合计：3笔') }]), /do not add up/],
    ['a file cut before its end marker', () => gbkZip([{ name: `${USER}_20260605_业务明细.csv`, text: alipayDetailCsv(file).split('#------').slice(0, 2).join('#------') }]), /end marker/],
    ['a zip without the 业务明细 file', () => zipSync({ 'readme.txt': new TextEncoder().encode('hi') }), /expected one/],
    ['a cell that is not an amount', () => gbkZip([{ name: `${USER}_20260605_业务明细.csv`, text: alipayDetailCsv(file).replace('12.34\t', '12,34\t') }]), /cells where the header has|not an amount/],
  ];
  it.each(refusals)('refuses %s with BILL_INVALID in Chinese and English', (_, make, why) => {
    const e = refusal(() => parseAlipayBillZip(make(), DAY));
    expect(e.code).toBe('BILL_INVALID');
    expect(e.message).toMatch(why);
    expect(e.toData().messageZh).toMatch(/支付宝账单/);
  });
});

const wx = (n: number, fen: number, o: Partial<WechatBillRow> = {}): WechatBillRow => ({
  time: '2026-06-05 10:11:12', appId: 'wx8888888888888888', mchId: '1900000109', transactionId: `42000000002026060500000000${n}`, outTradeNo: `TR2026060500000000009${n}`,
  openId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', status: 'SUCCESS', amountFen: fen, settledFen: fen, feeMilliFen: fen * 6, rate: '0.60%', subject: '门店消费', deviceId: 'T1', ...o,
});

describe('WeChat Pay trade bill', () => {
  const wrows: WechatBillRow[] = [wx(1, 1234), wx(2, 1001, { settledFen: 901, couponFen: 100 }), wx(1, 1234, { status: 'REFUND', refundId: '50000000382019052709732678859', outRefundNo: 'TR2026060500000000009R1', refundFen: 234, feeMilliFen: -1404 })];

  it('writes backticked cells and parses back by header name, SHA1 checked after gunzip', () => {
    const text = wechatTradeBillCsv(wrows);
    expect(text.split('\r\n')[1]).toMatch(/^`2026-06-05 10:11:12,`wx8888888888888888,/);
    const { gzip, hashType, hashValue } = wechatTradeBillGzip(wrows);
    const bill = parseWechatBillGzip(gzip, { type: hashType, value: hashValue }, DAY);
    expect(bill.lines.map((l) => [l.kind, l.outTradeNo, l.amountFen, l.receivedFen, l.feeMilliFen])).toEqual([
      ['payment', 'TR20260605000000000091', 1234, 1234, 7404],
      ['payment', 'TR20260605000000000092', 1001, 901, 6006],
      ['refund', 'TR20260605000000000091', 234, -234, -1404],
    ]);
    expect(bill.lines[2]!.outRefundNo).toBe('TR2026060500000000009R1');
    expect(bill.lines[1]).toMatchObject({ merchantDiscountFen: 100, terminalId: 'T1' });
  });

  it('reads an older merchant header (总金额, 代金券或立减优惠金额) by name, and a BOM', () => {
    const old = wechatTradeBillCsv([wx(1, 500)]).replace('应结订单金额', '总金额').replace('代金券金额', '代金券或立减优惠金额').replace(',订单金额,', ',订单金额X,');
    const csv = new TextEncoder().encode(`\uFEFF${old}`);
    const bill = parseWechatBillGzip(gzipSync(csv), { type: 'SHA1', value: createHash('sha1').update(csv).digest('hex') }, DAY);
    expect(bill.lines[0]).toMatchObject({ amountFen: 500, receivedFen: 500 });
  });

  const good = wechatTradeBillGzip(wrows);
  const sealed = (text: string) => {
    const csv = new TextEncoder().encode(text);
    return { gz: gzipSync(csv), hash: createHash('sha1').update(csv).digest('hex') };
  };
  const refusals: Array<[string, () => { gz: Uint8Array; hash: string }, RegExp]> = [
    ['a truncated gzip', () => ({ gz: good.gzip.subarray(0, good.gzip.length - 20), hash: good.hashValue }), /truncated|cannot be read/],
    ['a wrong hash', () => ({ gz: good.gzip, hash: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }), /SHA1/],
    ['an HTML error page', () => ({ gz: new TextEncoder().encode('<html><body>error</body></html>'), hash: good.hashValue }), /web page/],
    ['unknown columns', () => sealed(wechatTradeBillCsv(wrows).replace('商户订单号', 'out_trade_no')), /unknown columns/],
    ['cells without backticks', () => sealed(wechatTradeBillCsv(wrows).replaceAll('`', '')), /backtick/],
    ['rows that do not add up', () => sealed(wechatTradeBillCsv(wrows).replace(/\r\n`3,/, '\r\n`4,')), /do not add up/],
    ['a file without its totals', () => sealed(wechatTradeBillCsv(wrows).split('总交易单数')[0]!), /totals/],
  ];
  it.each(refusals)('refuses %s with BILL_INVALID', (_, make, why) => {
    const { gz, hash } = make();
    const e = refusal(() => parseWechatBillGzip(gz, { type: 'SHA1', value: hash }, DAY));
    expect(e.code).toBe('BILL_INVALID');
    expect(e.message).toMatch(why);
    expect(e.toData().messageZh).toMatch(/微信支付账单/);
  });
});

describe('bill amounts', () => {
  it.each([['12.34', 2, 1234], ['-0.05', 2, -5], ['3', 2, 300], ['0.00006', 5, 6], ['1.5', 5, 150000], ['1.234', 2, undefined], ['1e3', 2, undefined], ['', 2, undefined]] as const)('%s at %d decimals is %s', (t, d, v) => {
    expect(yuanUnits(t, d)).toBe(v);
  });
});
