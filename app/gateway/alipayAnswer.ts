// Reading alipay-sdk's camelCased answers: everything from the wire is `unknown` until zod says
// what it is. A malformed answer is an unknown outcome, never a decline.
import { z } from 'zod';
import { yuanToFen } from '../common/money.ts';

const yuan = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'a yuan amount like 12.34');

export const AnswerSchema = z.object({
  code: z.string(),
  msg: z.string().optional(),
  subCode: z.string().optional(),
  subMsg: z.string().optional(),
  tradeNo: z.string().optional(),
  outTradeNo: z.string().optional(),
  totalAmount: yuan.optional(),
  tradeStatus: z.string().optional(),
  buyerLogonId: z.string().optional(),
  buyerUserId: z.string().optional(),
  buyerOpenId: z.string().optional(),
  gmtPayment: z.string().optional(),
  sendPayDate: z.string().optional(),
  action: z.string().optional(),
  retryFlag: z.string().optional(),
  fundChange: z.string().optional(),
  refundFee: yuan.optional(),
  refundStatus: z.string().optional(),
  refundAmount: yuan.optional(),
  outRequestNo: z.string().optional(),
}).loose();

export type Answer = z.infer<typeof AnswerSchema>;

export function parseAnswer(raw: unknown): { ok: true; answer: Answer } | { ok: false; reason: string } {
  const r = AnswerSchema.safeParse(raw);
  if (r.success) return { ok: true, answer: r.data };
  return { ok: false, reason: `malformed gateway answer: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
}

export const fen = (y: string | undefined): number | undefined => (y === undefined ? undefined : yuanToFen(y));

/** Codes that say the request itself is wrong: the merchant's set-up, not this payment. */
export const CONFIG_ERROR_CODES = new Set(['40001', '40002', '40006', '20001']);

/** Business sub-codes that mean "Alipay could not say", so the outcome stays unknown. */
export const SYSTEM_ERROR_SUB_CODES = new Set(['ACQ.SYSTEM_ERROR', 'AQC.SYSTEM_ERROR']);

export function describe(a: Answer): string {
  return [a.code, a.msg, a.subCode, a.subMsg].filter(Boolean).join(' ');
}
