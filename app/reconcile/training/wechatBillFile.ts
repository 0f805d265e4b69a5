// Writes a WeChat Pay v3 trade bill as WeChat ships one (qr-bills-transfers.md §3.2): UTF-8 CSV,
// a plain header, every data cell led by a backtick, then the totals header and a backticked
// totals row; gzip for tar_type=GZIP, and the SHA1 of the uncompressed bytes for hash_value.
// For WeChat's training gateway (its owner wires the route; this only makes the bytes).
import { createHash } from 'node:crypto';
import { gzipSync } from 'fflate';
import { fenToYuan } from '../../common/money.ts';
import { WECHAT_TOTALS_HEADER } from '../wechatBillParse.ts';

export const WECHAT_BILL_HEADER = ['交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态', '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注'];

export type WechatBillRow = {
  time: string;
  appId: string;
  mchId: string;
  deviceId?: string | undefined;
  transactionId: string;
  outTradeNo: string;
  openId: string;
  status: 'SUCCESS' | 'REFUND' | 'REVOKED';
  /** 订单金额, fen. */
  amountFen: number;
  /** 应结订单金额, fen (订单金额 less the merchant's own non-recharge coupons). */
  settledFen: number;
  couponFen?: number;
  refundId?: string | undefined;
  outRefundNo?: string | undefined;
  refundFen?: number;
  /** 手续费 in thousandths of a fen (0.00001 yuan); negative on a refund row (returned). */
  feeMilliFen: number;
  /** "0.60%" */
  rate: string;
  subject: string;
};

/** Thousandths of a fen → "0.00006" (five decimals, as WeChat writes fees). */
function fiveDecimals(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const a = Math.abs(milli);
  return `${sign}${Math.floor(a / 100_000)}.${String(a % 100_000).padStart(5, '0')}`;
}

export function wechatTradeBillCsv(rows: readonly WechatBillRow[]): string {
  const tick = (cs: string[]) => cs.map((c) => `\`${c}`).join(',');
  const lines = [WECHAT_BILL_HEADER.join(',')];
  for (const r of rows) {
    const refund = r.status === 'REFUND';
    lines.push(tick([
      r.time, r.appId, r.mchId, '0', r.deviceId ?? '', r.transactionId, r.outTradeNo, r.openId, 'MICROPAY', r.status, 'OTHERS', 'CNY',
      fenToYuan(r.settledFen), fenToYuan(r.couponFen ?? 0), refund ? r.refundId ?? '' : '0', refund ? r.outRefundNo ?? '' : '0',
      fenToYuan(refund ? r.refundFen ?? 0 : 0), '0.00', refund ? 'ORIGINAL' : '', refund ? 'SUCCESS' : '', r.subject, '', fiveDecimals(r.feeMilliFen), r.rate,
      fenToYuan(r.amountFen), fenToYuan(refund ? r.refundFen ?? 0 : 0), '',
    ]));
  }
  const pays = rows.filter((r) => r.status === 'SUCCESS');
  const refunds = rows.filter((r) => r.status === 'REFUND');
  const sum = (rs: readonly WechatBillRow[], f: (r: WechatBillRow) => number) => rs.reduce((s, r) => s + f(r), 0);
  lines.push(WECHAT_TOTALS_HEADER.join(','));
  lines.push(tick([
    String(rows.length), fenToYuan(sum(pays, (r) => r.settledFen)), fenToYuan(sum(refunds, (r) => r.refundFen ?? 0)), '0.00',
    fiveDecimals(sum(rows.filter((r) => r.status !== 'REVOKED'), (r) => r.feeMilliFen)), fenToYuan(sum(pays, (r) => r.amountFen)), fenToYuan(sum(refunds, (r) => r.refundFen ?? 0)),
  ]));
  return `${lines.join('\r\n')}\r\n`;
}

/** The gzip WeChat serves at download_url and the SHA1 (of the uncompressed bytes) its answer names. */
export function wechatTradeBillGzip(rows: readonly WechatBillRow[]): { gzip: Uint8Array; hashType: 'SHA1'; hashValue: string } {
  const csv = new TextEncoder().encode(wechatTradeBillCsv(rows));
  return { gzip: gzipSync(csv), hashType: 'SHA1', hashValue: createHash('sha1').update(csv).digest('hex') };
}
