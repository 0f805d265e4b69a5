// Writes an Alipay trade bill exactly as Alipay ships one (qr-bills-transfers.md §3.1): a zip whose
// entry names and contents are GBK, the UTF-8 flag clear, cells padded with a trailing tab, the '#'
// header lines, the end marker and the summary lines. The training gateway serves these, so the
// till's parser is exercised on the real format, not on a friendlier one.
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { fenToYuan } from '../../common/money.ts';
import { ALIPAY_HEADER, LIST_END, LIST_START } from '../alipayBillColumns.ts';

export type AlipayBillRow = {
  tradeNo: string;
  outTradeNo: string;
  refund: boolean;
  subject: string;
  createdAt: string;
  finishedAt: string;
  storeId?: string | undefined;
  operatorId?: string | undefined;
  terminalId?: string | undefined;
  account: string;
  /** 订单金额, fen (the trade's total, also on refund rows). */
  amountFen: number;
  /** 商家实收, fen; negative on refund rows. */
  receivedFen: number;
  alipayDiscountFen?: number;
  merchantDiscountFen?: number;
  pointsFen?: number;
  outRequestNo?: string | undefined;
  /** 服务费, fen; negative on a payment (Alipay writes the fee as money out), positive back on a refund. */
  feeFen: number;
  memo?: string | undefined;
};

const yuan = (fen: number | undefined) => fenToYuan(fen ?? 0);

function rowCells(r: AlipayBillRow): string[] {
  return [
    r.tradeNo, r.outTradeNo, r.refund ? '退款' : '交易', r.subject, r.createdAt, r.finishedAt, r.storeId ?? '', '', r.operatorId ?? '', r.terminalId ?? '', r.account,
    yuan(r.amountFen), yuan(r.receivedFen), '0.00', yuan(r.pointsFen), yuan(r.alipayDiscountFen), yuan(r.merchantDiscountFen), '0.00', '', '0.00', '0.00',
    r.refund ? r.outRequestNo ?? '' : '', yuan(r.feeFen), '0.00', r.memo ?? '',
  ];
}

/** "2026-06-05" → "2026年06月05日" */
const zhDate = (day: string) => `${day.slice(0, 4)}年${day.slice(5, 7)}月${day.slice(8, 10)}日`;

export function alipayDetailCsv(o: { userId: string; day: string; nextDay: string; exportedAt: string; rows: readonly AlipayBillRow[] }): string {
  const pad = (cs: string[]) => cs.map((c) => `${c}\t`).join(',');
  const pays = o.rows.filter((r) => !r.refund);
  const refunds = o.rows.filter((r) => r.refund);
  const sum = (rs: AlipayBillRow[], f: (r: AlipayBillRow) => number) => rs.reduce((s, r) => s + f(r), 0);
  const lines = [
    '#支付宝业务明细查询',
    `#账号：[${o.userId}]`,
    `#起始日期：[${zhDate(o.day)} 00:00:00]   终止日期：[${zhDate(o.nextDay)} 00:00:00]`,
    LIST_START,
    pad([...ALIPAY_HEADER]),
    ...o.rows.map((r) => pad(rowCells(r))),
    LIST_END,
    `#交易合计：${pays.length}笔，商家实收共${yuan(sum(pays, (r) => r.receivedFen))}元，商家优惠共${yuan(sum(pays, (r) => r.merchantDiscountFen ?? 0))}元`,
    `#退款合计：${refunds.length}笔，商家实收退款共${yuan(sum(refunds, (r) => r.receivedFen))}元，商家优惠退款共${yuan(sum(refunds, (r) => r.merchantDiscountFen ?? 0))}元`,
    `#导出时间：[${o.exportedAt}]`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function alipaySummaryCsv(o: { userId: string; day: string; nextDay: string; exportedAt: string; rows: readonly AlipayBillRow[] }): string {
  const pays = o.rows.filter((r) => !r.refund);
  const refunds = o.rows.filter((r) => r.refund);
  const sum = (rs: AlipayBillRow[], f: (r: AlipayBillRow) => number) => yuan(rs.reduce((s, r) => s + f(r), 0));
  return [
    '#支付宝业务汇总查询',
    `#账号：[${o.userId}]`,
    `#起始日期：[${zhDate(o.day)} 00:00:00]   终止日期：[${zhDate(o.nextDay)} 00:00:00]`,
    '#-----------------------------------------业务汇总列表----------------------------------------',
    '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,服务费（元）,实收净额（元）',
    `合计\t,\t,${pays.length}\t,${refunds.length}\t,${sum(pays, (r) => r.amountFen)}\t,${sum(o.rows as AlipayBillRow[], (r) => r.receivedFen)}\t,${sum(o.rows as AlipayBillRow[], (r) => r.feeFen)}\t,${sum(o.rows as AlipayBillRow[], (r) => r.receivedFen + r.feeFen)}\t`,
    '#-----------------------------------------业务汇总列表结束------------------------------------',
    `#导出时间：[${o.exportedAt}]`,
  ].join('\r\n') + '\r\n';
}

/**
 * fflate writes entry names as UTF-8 and flags them so; Alipay's are GBK with the flag clear.
 * Each entry is zipped under an ASCII stand-in of the same byte length, then the stand-in's bytes
 * (in the local header and the central directory; the CRC covers data only) become the GBK name.
 */
export function gbkZip(files: ReadonlyArray<{ name: string; text: string }>): Uint8Array {
  const named = files.map((f, i) => {
    const gbkName = iconv.encode(f.name, 'gbk');
    const tag = `@${i}@`;
    const standIn = (tag + 'x'.repeat(Math.max(0, gbkName.length - tag.length))).slice(0, gbkName.length);
    return { gbkName, standIn, data: new Uint8Array(iconv.encode(f.text, 'gbk')) };
  });
  const zip = Buffer.from(zipSync(Object.fromEntries(named.map((n) => [n.standIn, n.data])), { mtime: new Date(Date.UTC(2026, 0, 1)) }));
  for (const n of named) {
    const needle = Buffer.from(n.standIn, 'latin1');
    let at = zip.indexOf(needle);
    let replaced = 0;
    while (at !== -1) {
      n.gbkName.copy(zip, at);
      replaced += 1;
      at = zip.indexOf(needle, at + needle.length);
    }
    if (replaced !== 2) throw new Error(`gbkZip: stand-in name ${n.standIn} found ${replaced} times, expected 2`);
  }
  return new Uint8Array(zip);
}

export function alipayBillZip(o: { userId: string; day: string; nextDay: string; exportedAt: string; rows: readonly AlipayBillRow[] }): Uint8Array {
  const stem = `${o.userId}_${o.day.replaceAll('-', '')}`;
  return gbkZip([
    { name: `${stem}_业务明细.csv`, text: alipayDetailCsv(o) },
    { name: `${stem}_业务明细(汇总).csv`, text: alipaySummaryCsv(o) },
  ]);
}
