// WeChat Pay v3 answers as they arrive: everything from the wire is `unknown` until zod says what
// it is (wechat-pay.md §1.5). Unknown fields are kept: WeChat adds fields without notice.
import { z } from 'zod';

const fen = z.number().int().min(0).max(100_000_000_00);

export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
export type TradeState = (typeof TRADE_STATES)[number];

export const TransactionSchema = z.object({
  appid: z.string().optional(),
  mchid: z.string().optional(),
  sp_appid: z.string().optional(),
  sp_mchid: z.string().optional(),
  sub_appid: z.string().optional(),
  sub_mchid: z.string().optional(),
  out_trade_no: z.string().optional(),
  transaction_id: z.string().optional(),
  trade_type: z.string().optional(),
  trade_state: z.enum(TRADE_STATES),
  trade_state_desc: z.string().optional(),
  bank_type: z.string().optional(),
  success_time: z.string().optional(),
  payer: z.object({ openid: z.string().optional(), sp_openid: z.string().optional(), sub_openid: z.string().optional() }).loose().optional(),
  amount: z.object({ total: fen.optional(), payer_total: fen.optional(), currency: z.string().optional() }).loose().optional(),
}).loose();
export type Transaction = z.infer<typeof TransactionSchema>;

export const ErrorBodySchema = z.object({ code: z.string(), message: z.string().optional(), detail: z.unknown().optional() }).loose();

export const REFUND_STATES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;

export const RefundSchema = z.object({
  refund_id: z.string().optional(),
  out_refund_no: z.string(),
  out_trade_no: z.string().optional(),
  transaction_id: z.string().optional(),
  status: z.enum(REFUND_STATES),
  amount: z.object({ refund: fen, total: fen.optional(), currency: z.string().optional() }).loose(),
  success_time: z.string().optional(),
  user_received_account: z.string().optional(),
}).loose();
export type RefundAnswer = z.infer<typeof RefundSchema>;

/** v3 rule for out_trade_no: at most 32 of [0-9A-Za-z_-*]. */
export const OUT_TRADE_NO = /^[0-9A-Za-z_\-*]{6,32}$/;
/** out_refund_no: at most 64 of [0-9A-Za-z_-|*@]. */
export const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function issues(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}
