// The WeChat training gateway's bill paths, plugged in through its `extraRoute` hook
// (app/gateway/wechat/training/server.ts): GET /v3/bill/tradebill answers {hash_type, hash_value,
// download_url} (signed by the gateway like every JSON answer), GET /v3/billdownload/file serves the
// gzip unsigned, as WeChat does. The bill is made from the gateway's own order store (a read-only
// connection to its SQLite file). Fee: 0.6% (WeChat's standard rate), exact to 0.00001 yuan.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { shanghaiDateTime } from '../../common/time.ts';
import type { ExtraAnswer } from '../../gateway/wechat/training/server.ts';
import type { WechatBehaviour } from '../../gateway/wechat/training/behaviours.ts';
import { promotionSplit } from '../../gateway/wechat/training/promotions.ts';
import { wechatTradeBillGzip, type WechatBillRow } from './wechatBillFile.ts';

/** 0.6% of a fen is 6 thousandths of a fen. */
const FEE_MILLI_PER_FEN = 6;
const BEIJING_OFFSET_MS = 8 * 3600_000;

type OrderRow = { out_trade_no: string; transaction_id: string; mch_id: string; app_id: string; state: string; total_fen: number; description: string; paid_at_ms: number; openid: string; behaviour: string };

/** What the bill books for an order: its promotion split (…13/…14) and the planted difference (…12). */
function billed(o: OrderRow): { amountFen: number; settledFen: number; couponFen: number } {
  const b = JSON.parse(o.behaviour) as WechatBehaviour;
  const amount = o.total_fen + (b.kind === 'pays-now' ? b.billExtraFen ?? 0 : 0);
  const split = promotionSplit(b, amount);
  return { amountFen: amount, settledFen: amount - split.noCashFen, couponFen: split.couponFen };
}
type RefundRow = OrderRow & { out_refund_no: string; refund_id: string; amount_fen: number; settles_at_ms: number };

export function wechatTrainingBillRows(storePath: string, mchId: string, day: string, nowMs: number): WechatBillRow[] {
  const from = Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS;
  const to = from + 86_400_000;
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  try {
    const orders = db.prepare(`SELECT * FROM orders WHERE mch_id = ? AND charges > 0 AND paid_at_ms >= ? AND paid_at_ms < ? ORDER BY paid_at_ms, id`).all(mchId, from, to) as OrderRow[];
    const refunds = db.prepare(`SELECT o.*, r.out_refund_no, r.refund_id, r.amount_fen, r.settles_at_ms FROM refunds r JOIN orders o ON o.mch_id = r.mch_id AND o.out_trade_no = r.out_trade_no
      WHERE r.mch_id = ? AND r.settles_at_ms >= ? AND r.settles_at_ms < ? AND r.settles_at_ms <= ? ORDER BY r.settles_at_ms`).all(mchId, from, to, nowMs) as RefundRow[];
    const base = (o: OrderRow) => ({ appId: o.app_id, mchId: o.mch_id, transactionId: o.transaction_id, outTradeNo: o.out_trade_no, openId: o.openid, subject: o.description, rate: '0.60%' });
    return [
      ...orders.map((o): WechatBillRow => o.state === 'REVOKED'
        ? { ...base(o), time: shanghaiDateTime(o.paid_at_ms), status: 'REVOKED', amountFen: o.total_fen, settledFen: o.total_fen, feeMilliFen: 0 }
        // The fee is charged on what the merchant is settled (应结订单金额).
        : { ...base(o), time: shanghaiDateTime(o.paid_at_ms), status: 'SUCCESS', ...billed(o), feeMilliFen: billed(o).settledFen * FEE_MILLI_PER_FEN }),
      ...refunds.map((r): WechatBillRow => ({
        ...base(r), time: shanghaiDateTime(r.settles_at_ms), status: 'REFUND', amountFen: r.total_fen, settledFen: r.total_fen,
        refundId: r.refund_id, outRefundNo: r.out_refund_no, refundFen: r.amount_fen, feeMilliFen: -r.amount_fen * FEE_MILLI_PER_FEN,
      })),
    ];
  } finally {
    db.close();
  }
}

/** The `extraRoute` for startWechatTrainingGateway; call `origin(sim.url)` once the gateway listens. */
export function wechatTrainingBills(storePath: string): {
  route: (r: { method: string; url: URL; mchId: string; nowMs: number }) => ExtraAnswer | undefined;
  origin(url: string): void;
} {
  let origin = 'http://127.0.0.1';
  const files = new Map<string, Buffer>();
  return {
    origin: (url) => {
      origin = new URL(url).origin;
    },
    route: ({ method, url, mchId, nowMs }) => {
      if (method !== 'GET') return undefined;
      if (url.pathname === '/v3/bill/tradebill') {
        const day = url.searchParams.get('bill_date') ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { status: 400, json: { code: 'PARAM_ERROR', message: 'bill_date 格式错误，应为 yyyy-MM-dd' } };
        if (Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS > nowMs) return { status: 400, json: { code: 'NO_STATEMENT_EXIST', message: '账单不存在' } };
        const { gzip, hashType, hashValue } = wechatTradeBillGzip(wechatTrainingBillRows(storePath, mchId, day, nowMs));
        const token = randomBytes(12).toString('hex');
        files.set(token, Buffer.from(gzip));
        return { status: 200, json: { hash_type: hashType, hash_value: hashValue, download_url: `${origin}/v3/billdownload/file?token=${token}` } };
      }
      if (url.pathname === '/v3/billdownload/file') {
        const file = files.get(url.searchParams.get('token') ?? '');
        if (!file) return { status: 400, json: { code: 'PARAM_ERROR', message: '下载链接已失效' } };
        return { status: 200, bytes: file, contentType: 'application/octet-stream' };
      }
      return undefined;
    },
  };
}
