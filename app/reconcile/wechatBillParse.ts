// WeChat Pay's v3 trade bill (qr-bills-transfers.md §3.2): the download is gzip (tar_type=GZIP);
// the SHA1 the signed /v3/bill/tradebill answer gave is checked on the bytes AFTER gunzip (the file
// itself is not signed, so the hash is its only seal). UTF-8 CSV, maybe with a BOM; every data cell
// starts with a backtick; then a totals header and a backticked totals row. Columns are mapped by
// header name: older merchants' headers differ (总金额, 代金券或立减优惠金额 …).
import { createHash } from 'node:crypto';
import { gunzipSync } from 'fflate';
import { badBill, looksLikeHtml, yuanUnits } from './billCells.ts';
import type { Bill, BillLine, BillTotals } from './billLine.ts';

const bad = (why: string, whyZh: string, details?: Record<string, unknown>) => badBill('wechat', why, whyZh, details);

/** Header names by what they hold; the first name present wins (new layout first, then the older one). */
export const WECHAT_COLUMNS = {
  time: ['交易时间'],
  deviceId: ['设备号'],
  tradeNo: ['微信订单号'],
  outTradeNo: ['商户订单号'],
  status: ['交易状态'],
  settled: ['应结订单金额', '总金额'],
  coupon: ['代金券金额', '代金券或立减优惠金额'],
  refundNo: ['微信退款单号'],
  outRefundNo: ['商户退款单号'],
  refundAmount: ['退款金额'],
  refundStatus: ['退款状态'],
  fee: ['手续费'],
  amount: ['订单金额', '总金额'],
} as const;

type Column = keyof typeof WECHAT_COLUMNS;
const REQUIRED: readonly Column[] = ['time', 'tradeNo', 'outTradeNo', 'status', 'settled', 'outRefundNo', 'refundAmount', 'fee'];
export const WECHAT_TOTALS_HEADER = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'];

export function gunzipWechatBill(gz: Uint8Array, hash: { type: string; value: string }): Uint8Array {
  if (looksLikeHtml(gz)) throw bad('the download is a web page, not a bill (an expired link or an error page)', '下载到的是网页而不是账单（链接已失效或出错）');
  let csv: Uint8Array;
  try {
    csv = gunzipSync(gz);
  } catch (e) {
    throw bad(`the gzip cannot be read (${(e as Error).message}): truncated or not gzip`, `压缩文件无法读取（${(e as Error).message}），可能不完整`);
  }
  if (hash.type.toUpperCase() !== 'SHA1') throw bad(`hash_type ${JSON.stringify(hash.type)} is not SHA1`, `校验类型 ${hash.type} 不是 SHA1`);
  const actual = createHash('sha1').update(csv).digest('hex');
  if (actual !== hash.value.toLowerCase()) throw bad(`the SHA1 of the file (${actual}) is not the hash_value WeChat signed (${hash.value})`, '文件 SHA1 与微信支付签名的 hash_value 不符，文件可能被篡改或不完整', { actual, expected: hash.value });
  return csv;
}

/** Splits a bill line into cells: each data cell is "`value"; commas inside cells do not occur. */
function cells(line: string, backticked: boolean, lineNo: number): string[] {
  const parts = line.split(',');
  if (!backticked) return parts.map((c) => c.trim());
  return parts.map((c) => {
    if (!c.startsWith('`')) throw bad(`line ${lineNo}: a cell without its leading backtick (${JSON.stringify(c.slice(0, 30))})`, `第 ${lineNo} 行：单元格缺少前导反引号`, { line: lineNo });
    return c.slice(1).trim();
  });
}

export function parseWechatBillCsv(text: string, day: string): Omit<Bill, 'rawPath'> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: Map<Column, number> | undefined;
  let width = 0;
  let totalsAt = -1;
  let revoked = 0;
  const out: BillLine[] = [];
  const fen = (t: string, what: string, lineNo: number) => {
    const v = t === '' ? 0 : yuanUnits(t, 2);
    if (v === undefined) throw bad(`line ${lineNo}: ${what} ${JSON.stringify(t.slice(0, 30))} is not an amount`, `第 ${lineNo} 行：${what}“${t.slice(0, 30)}”不是金额`, { line: lineNo });
    return v;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    if (!header) {
      const names = cells(raw, false, lineNo);
      header = new Map();
      for (const [key, candidates] of Object.entries(WECHAT_COLUMNS) as Array<[Column, readonly string[]]>) {
        const at = candidates.map((c) => names.indexOf(c)).find((k) => k >= 0);
        if (at !== undefined) header.set(key, at);
      }
      const missing = REQUIRED.filter((k) => !header!.has(k)).map((k) => WECHAT_COLUMNS[k][0]);
      if (missing.length) throw bad(`unknown columns: the header lacks ${missing.join(', ')} (found ${names.slice(0, 30).join(' | ')})`, `无法识别的列：表头缺少 ${missing.join('、')}`, { line: lineNo, missing });
      width = names.length;
      continue;
    }
    if (raw.startsWith(WECHAT_TOTALS_HEADER[0]!)) {
      totalsAt = i;
      break;
    }
    const row = cells(raw, true, lineNo);
    if (row.length !== width) throw bad(`line ${lineNo}: ${row.length} cells where the header has ${width}`, `第 ${lineNo} 行有 ${row.length} 列，表头为 ${width} 列`, { line: lineNo });
    const h = header;
    const cell = (k: Column) => (h.has(k) ? row[h.get(k)!]! : '');
    const status = cell('status');
    if (status !== 'SUCCESS' && status !== 'REFUND' && status !== 'REVOKED') throw bad(`line ${lineNo}: 交易状态 ${JSON.stringify(status)} is not SUCCESS, REFUND or REVOKED`, `第 ${lineNo} 行：交易状态“${status}”无法识别`, { line: lineNo });
    if (status === 'REVOKED') {
      // A reversed micropay settled nothing: counted in the totals, matched against nothing.
      revoked += 1;
      continue;
    }
    const refund = status === 'REFUND';
    const settled = fen(cell('settled'), '应结订单金额', lineNo);
    const amount = h.has('amount') ? fen(cell('amount'), '订单金额', lineNo) : settled;
    const coupon = fen(cell('coupon'), '代金券金额', lineNo);
    const fee = yuanUnits(cell('fee') || '0', 5);
    if (fee === undefined) throw bad(`line ${lineNo}: 手续费 ${JSON.stringify(cell('fee'))} is not an amount`, `第 ${lineNo} 行：手续费不是金额`, { line: lineNo });
    const refunded = refund ? fen(cell('refundAmount'), '退款金额', lineNo) : 0;
    if (refund && cell('outRefundNo') === '') throw bad(`line ${lineNo}: a refund without 商户退款单号`, `第 ${lineNo} 行：退款缺少商户退款单号`, { line: lineNo });
    // Non-recharge coupons are the merchant's own and are not settled: 订单金额 − 应结订单金额.
    const merchantDiscount = Math.max(0, amount - settled);
    out.push({
      provider: 'wechat',
      kind: refund ? 'refund' : 'payment',
      outTradeNo: cell('outTradeNo'),
      outRefundNo: refund ? cell('outRefundNo') : null,
      tradeNo: cell('tradeNo'),
      amountFen: refund ? refunded : amount,
      receivedFen: refund ? -refunded : settled,
      // 0.00001 yuan is exactly one thousandth of a fen.
      feeMilliFen: fee,
      merchantDiscountFen: refund ? 0 : merchantDiscount,
      platformDiscountFen: refund ? 0 : Math.max(0, coupon - merchantDiscount),
      finishedAt: cell('time'),
      storeId: '',
      terminalId: cell('deviceId'),
      operatorId: '',
      fileLine: lineNo,
    });
  }
  if (!header) throw bad('no header row: the file holds no bill', '没有表头，文件不是账单');
  if (totalsAt < 0 || totalsAt + 1 >= lines.length || lines[totalsAt + 1]!.trim() === '') throw bad('the file ends before the totals lines: truncated', '文件缺少汇总行，可能不完整');
  const tHead = cells(lines[totalsAt]!, false, totalsAt + 1);
  const tRow = cells(lines[totalsAt + 1]!, true, totalsAt + 2);
  const total = (name: string, decimals: 2 | 5) => {
    const k = tHead.indexOf(name);
    const v = k < 0 ? undefined : yuanUnits(tRow[k] ?? '', decimals);
    if (v === undefined) throw bad(`the totals line has no usable ${name}`, `汇总行缺少${name}`);
    return v;
  };
  const count = total('总交易单数', 2) / 100;
  const settledTotal = total('应结订单总金额', 2);
  const refundTotal = total('退款总金额', 2);
  const feeTotal = total('手续费总金额', 5);
  const payments = out.filter((l) => l.kind === 'payment');
  const refunds = out.filter((l) => l.kind === 'refund');
  const settledSum = payments.reduce((s, l) => s + l.receivedFen, 0);
  const refundSum = refunds.reduce((s, l) => s + l.amountFen, 0);
  const feeSum = out.reduce((s, l) => s + l.feeMilliFen, 0);
  if (count !== out.length + revoked || settledSum !== settledTotal || refundSum !== refundTotal || feeSum !== feeTotal) {
    throw bad(
      `the rows do not add up to the totals line (${out.length + revoked} rows, ${settledSum} fen settled, ${refundSum} fen refunded; totals say ${count}, ${settledTotal}, ${refundTotal})`,
      `明细与汇总行不符（明细 ${out.length + revoked} 笔；汇总 ${count} 笔）`,
    );
  }
  const totals: BillTotals = { paymentCount: payments.length, refundCount: refunds.length, receivedFen: settledTotal - refundTotal, feeMilliFen: feeTotal };
  return { provider: 'wechat', day, lines: out, totals };
}

export function parseWechatBillGzip(gz: Uint8Array, hash: { type: string; value: string }, day: string): Omit<Bill, 'rawPath'> {
  const csv = gunzipWechatBill(gz, hash);
  return parseWechatBillCsv(new TextDecoder('utf-8', { fatal: false }).decode(csv), day);
}
