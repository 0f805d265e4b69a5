// Alipay's trade bill: a zip (entry names GBK with the UTF-8 flag clear) holding GBK CSVs; the
// 业务明细 file has '#' header lines, a header row, rows whose cells carry a trailing tab (against
// Excel's number guessing), an end marker and summary lines (qr-bills-transfers.md §3.1). The
// summary is checked against the rows: a file cut short or altered does not add up and is refused.
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { ALIPAY_COLUMNS, ALIPAY_REQUIRED, DETAIL_SUFFIX, LIST_END, type AlipayColumn } from './alipayBillColumns.ts';
import { FEN_TO_MILLI, badBill, looksLikeHtml, yuanUnits } from './billCells.ts';
import type { Bill, BillLine, BillTotals } from './billLine.ts';

const bad = (why: string, whyZh: string, details?: Record<string, unknown>) => badBill('alipay', why, whyZh, details);

/** fflate reads a name without the UTF-8 flag as latin1: its bytes are the GBK bytes Alipay wrote. */
export function zipEntryName(latin1Name: string): string {
  return iconv.decode(Buffer.from(latin1Name, 'latin1'), 'gbk');
}

export function unzipAlipayBill(zip: Uint8Array): Map<string, Uint8Array> {
  if (looksLikeHtml(zip)) throw bad('the download is a web page, not a bill (an expired link or an error page)', '下载到的是网页而不是账单（链接已失效或出错）');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (e) {
    throw bad(`the zip cannot be read (${(e as Error).message}): truncated or not a zip`, `压缩包无法读取（${(e as Error).message}），可能不完整`);
  }
  return new Map(Object.entries(entries).map(([name, bytes]) => [zipEntryName(name), bytes]));
}

/** Every cell trimmed of the padding tab and spaces. The bill has no quoted cells with commas. */
function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim());
}

function fenOf(text: string, column: string, lineNo: number, allowEmpty = true): number {
  if (text === '' && allowEmpty) return 0;
  const v = yuanUnits(text, 2);
  if (v === undefined) throw bad(`line ${lineNo}: ${column} ${JSON.stringify(text.slice(0, 40))} is not an amount`, `第 ${lineNo} 行：${column}“${text.slice(0, 40)}”不是金额`, { line: lineNo });
  return v;
}

const TRADE_TOTAL = /^#交易合计：(\d+)笔，商家实收共(-?[\d.]+)元/;
const REFUND_TOTAL = /^#退款合计：(\d+)笔，商家实收退款共(-?[\d.]+)元/;

export function parseAlipayDetailCsv(text: string, day: string): Omit<Bill, 'rawPath'> {
  return parseAlipayDetailLines(text.replace(/^\uFEFF/, '').split(/\r?\n/), day);
}

const gbkDecoder = (() => {
  try {
    // Native (full ICU, as Node ships): several times quicker than iconv-lite on a 100,000-line bill.
    const d = new TextDecoder('gbk');
    return (b: Uint8Array) => d.decode(b);
  } catch {
    return (b: Uint8Array) => iconv.decode(Buffer.from(b), 'gbk');
  }
})();

/**
 * The lines of a GBK file, decoded one at a time: a busy day's bill is tens of MB, and holding it
 * whole as a JS string (two bytes a character once it has Chinese) and again split into lines
 * would double the peak memory. In GBK a 0x0A byte is always a line feed (trail bytes are ≥ 0x40).
 */
export function* gbkLines(bytes: Uint8Array): Generator<string> {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    yield gbkDecoder(bytes.subarray(start, stop));
    start = end + 1;
  }
}

/** Reads the whole file into an array of lines (tests, small bills); see alipayBillLines for the streaming read. */
export function parseAlipayDetailLines(source: Iterable<string>, day: string): Omit<Bill, 'rawPath'> {
  const lines: BillLine[] = [];
  const it = alipayBillLines(source);
  for (let r = it.next(); ; r = it.next()) {
    if (r.done) return { provider: 'alipay', day, lines, totals: r.value };
    lines.push(r.value);
  }
}

/**
 * Yields each line as it is read and returns the bill's own totals at the end, having checked the
 * lines against them: a consumer that matches as it reads holds no copy of the bill, and a bill
 * that fails the check throws before the consumer can report anything from it.
 */
export function* alipayBillLines(source: Iterable<string>): Generator<BillLine, BillTotals, undefined> {
  let header: Map<AlipayColumn, number> | undefined;
  let width = 0;
  let ended = false;
  let tradeTotal: RegExpExecArray | null = null;
  let refundTotal: RegExpExecArray | null = null;
  let payments = 0;
  let refunds = 0;
  let sum = 0;
  let lineNo = 0;
  for (const raw of source) {
    lineNo += 1;
    if (raw.trim() === '') continue;
    if (raw.startsWith('#')) {
      if (raw.startsWith(LIST_END)) ended = true;
      tradeTotal ??= TRADE_TOTAL.exec(raw);
      refundTotal ??= REFUND_TOTAL.exec(raw);
      continue;
    }
    if (ended) throw bad(`line ${lineNo}: data after the end of the list`, `第 ${lineNo} 行：明细列表结束后仍有数据`, { line: lineNo });
    const row = cells(raw);
    if (!header) {
      header = new Map();
      const names = new Map(row.map((n, k) => [n, k]));
      for (const [key, name] of Object.entries(ALIPAY_COLUMNS) as Array<[AlipayColumn, string]>) {
        const at = names.get(name);
        if (at !== undefined) header.set(key, at);
      }
      const missing = ALIPAY_REQUIRED.filter((k) => !header!.has(k)).map((k) => ALIPAY_COLUMNS[k]);
      if (missing.length) throw bad(`unknown columns: the header lacks ${missing.join(', ')} (found ${row.slice(0, 30).join(' | ')})`, `无法识别的列：表头缺少 ${missing.join('、')}`, { line: lineNo, missing });
      width = row.length;
      continue;
    }
    if (row.length !== width) throw bad(`line ${lineNo}: ${row.length} cells where the header has ${width}`, `第 ${lineNo} 行有 ${row.length} 列，表头为 ${width} 列`, { line: lineNo });
    const h = header;
    const cell = (k: AlipayColumn) => (h.has(k) ? row[h.get(k)!]! : '');
    const type = cell('type');
    if (type !== '交易' && type !== '退款') throw bad(`line ${lineNo}: 业务类型 ${JSON.stringify(type)} is neither 交易 nor 退款`, `第 ${lineNo} 行：业务类型“${type}”不是交易或退款`, { line: lineNo });
    const outTradeNo = cell('outTradeNo');
    if (outTradeNo === '') throw bad(`line ${lineNo}: no 商户订单号`, `第 ${lineNo} 行：缺少商户订单号`, { line: lineNo });
    const refund = type === '退款';
    const amount = fenOf(cell('amount'), ALIPAY_COLUMNS.amount, lineNo, false);
    const received = fenOf(cell('received'), ALIPAY_COLUMNS.received, lineNo);
    const merchantDiscount = fenOf(cell('merchantDiscount'), ALIPAY_COLUMNS.merchantDiscount, lineNo) + fenOf(cell('merchantRedPacket'), ALIPAY_COLUMNS.merchantRedPacket, lineNo);
    const platformDiscount = fenOf(cell('alipayRedPacket'), ALIPAY_COLUMNS.alipayRedPacket, lineNo) + fenOf(cell('points'), ALIPAY_COLUMNS.points, lineNo) + fenOf(cell('alipayDiscount'), ALIPAY_COLUMNS.alipayDiscount, lineNo);
    const outRefundNo = refund ? cell('outRequestNo') : '';
    if (refund && outRefundNo === '') throw bad(`line ${lineNo}: a refund without 退款批次号/请求号`, `第 ${lineNo} 行：退款缺少退款请求号`, { line: lineNo });
    if (refund) refunds += 1;
    else payments += 1;
    sum += received;
    yield {
      provider: 'alipay',
      kind: refund ? 'refund' : 'payment',
      outTradeNo,
      outRefundNo: refund ? outRefundNo : null,
      tradeNo: cell('tradeNo'),
      // A refund row writes its amounts negative; the matcher compares refunded amounts as positive.
      amountFen: Math.abs(refund ? received : amount),
      receivedFen: received,
      // Alipay writes the fee as money leaving the shop (-0.06 on a payment, +0.06 back on a refund).
      feeMilliFen: -fenOf(cell('fee'), ALIPAY_COLUMNS.fee, lineNo) * FEN_TO_MILLI,
      merchantDiscountFen: Math.abs(merchantDiscount),
      platformDiscountFen: Math.abs(platformDiscount),
      finishedAt: cell('finishedAt') || cell('createdAt'),
      storeId: cell('storeId'),
      terminalId: cell('terminalId'),
      operatorId: cell('operatorId'),
      fileLine: lineNo,
    };
  }
  if (!header) throw bad('no header row: the file holds no bill', '没有表头，文件不是账单');
  if (!ended || !tradeTotal || !refundTotal) throw bad('the file ends before the end marker and summary lines: truncated', '文件缺少结束标记或合计行，可能不完整');
  const totals: BillTotals = {
    paymentCount: Number(tradeTotal[1]),
    refundCount: Number(refundTotal[1]),
    receivedFen: fenOf(tradeTotal[2]!, '交易合计', 0, false) + fenOf(refundTotal[2]!, '退款合计', 0, false),
    feeMilliFen: null,
  };
  if (payments !== totals.paymentCount || refunds !== totals.refundCount || sum !== totals.receivedFen) {
    throw bad(
      `the rows do not add up to the summary (${payments} payments, ${refunds} refunds, ${sum} fen; summary ${totals.paymentCount}, ${totals.refundCount}, ${totals.receivedFen} fen)`,
      `明细与合计行不符（明细 ${payments} 笔交易、${refunds} 笔退款；合计 ${totals.paymentCount}、${totals.refundCount}）`,
    );
  }
  return totals;
}

/** The whole downloaded zip → bill lines; any flaw refuses the bill (BILL_INVALID). */
export function parseAlipayBillZip(zip: Uint8Array, day: string): Omit<Bill, 'rawPath'> {
  return parseAlipayDetailLines(gbkLines(alipayDetailBytes(zip)), day);
}

/** The 业务明细 file's bytes out of the zip (the zip itself is checked here, before any line is read). */
export function alipayDetailBytes(zip: Uint8Array): Uint8Array {
  const entries = unzipAlipayBill(zip);
  const detail = [...entries.keys()].filter((n) => n.endsWith(DETAIL_SUFFIX));
  if (detail.length !== 1) throw bad(`expected one …${DETAIL_SUFFIX} in the zip, found ${detail.length} (${[...entries.keys()].join(', ').slice(0, 200)})`, `压缩包中应有一个业务明细文件，实有 ${detail.length} 个`);
  // The contents are GBK ("ANSI"); UTF-8 would decode to mojibake and fail the header check.
  return entries.get(detail[0]!)!;
}
