// What the WeChat training buyer does with a scanned code, by its last two digits: the same table
// as Alipay's where a row applies (app/gateway/training/behaviours.ts), in WeChat's own answers.
// README.md prints it.

import type { WechatTrainingPromotion } from './promotions.ts';

export type WechatBehaviour =
  | { kind: 'pays-now'; promotion?: WechatTrainingPromotion; billExtraFen?: number }
  | { kind: 'waits-then-pays'; paysAfterMs: number }
  | { kind: 'never-pays' }
  | { kind: 'declines'; status: number; code: string; message: string }
  | { kind: 'system-error-but-paid' }
  | { kind: 'slow-answer'; answerAfterMs: number }
  | { kind: 'drops-connection-after-charge' }
  | { kind: 'forged-answer' }
  | { kind: 'reverse-needs-retry'; retriesBeforeOk: number }
  | { kind: 'amount-mismatch' }
  /** Native QR (by the amount's last two fen digits, WECHAT_QR_AMOUNT_TABLE): close answers 204 but the order stays payable until time_expire. */
  | { kind: 'qr-close-misses' };

export type WechatTimes = { paysAfterMs: number; slowAnswerMs: number };

export type WechatCodeRow = { suffix: string; example: string; what: string; behaviour: (t: WechatTimes) => WechatBehaviour };

export const DEFAULT_PAYS_AFTER_MS = 3000;
export const DEFAULT_SLOW_ANSWER_MS = 20_000;
export const REVERSE_RETRIES_BEFORE_OK = 2;
/** Code …12: the day's bill lists the order this much above what was charged (a planted 对账 difference). */
export const WECHAT_BILL_EXTRA_FEN = 100;

/** 16 digits of a mainland WeChat code (prefix 13); a row's suffix completes it to 18. */
const EXAMPLE_STEM = '1345678901234567';

const row = (suffix: string, what: string, behaviour: (t: WechatTimes) => WechatBehaviour): WechatCodeRow =>
  ({ suffix, example: `${EXAMPLE_STEM}${suffix}`, what, behaviour });

export const WECHAT_CODE_TABLE: readonly WechatCodeRow[] = [
  row('00', 'pays at once (200 SUCCESS); so does every suffix not listed here', () => ({ kind: 'pays-now' })),
  row('01', 'confirms on the phone (202 USERPAYING), pays after paysAfterMs', (t) => ({ kind: 'waits-then-pays', paysAfterMs: t.paysAfterMs })),
  row('02', 'never confirms (202 USERPAYING); WeChat revokes it itself after 45 s', () => ({ kind: 'never-pays' })),
  row('03', 'declines: 403 NOTENOUGH (balance too low)', () => ({ kind: 'declines', status: 403, code: 'NOTENOUGH', message: '用户余额不足' })),
  row('04', 'declines: 400 AUTHCODEEXPIRE (expired code)', () => ({ kind: 'declines', status: 400, code: 'AUTHCODEEXPIRE', message: '二维码已过期，请用户在微信上刷新后再试' })),
  row('05', 'charges, but answers 500 SYSTEM_ERROR', () => ({ kind: 'system-error-but-paid' })),
  row('06', 'charges, answers 200 only after slowAnswerMs', (t) => ({ kind: 'slow-answer', answerAfterMs: t.slowAnswerMs })),
  row('07', 'charges, then drops the connection without answering', () => ({ kind: 'drops-connection-after-charge' })),
  row('08', 'never charges, but answers 200 SUCCESS signed with a wrong key', () => ({ kind: 'forged-answer' })),
  row('09', `never pays; the first ${REVERSE_RETRIES_BEFORE_OK} reverses answer 500 SYSTEM_ERROR`, () => ({ kind: 'reverse-needs-retry', retriesBeforeOk: REVERSE_RETRIES_BEFORE_OK })),
  row('10', 'charges; pay and query answers say amount.total + 100 fen', () => ({ kind: 'amount-mismatch' })),
  row('11', 'declines: 403 TRADE_ERROR (risk)', () => ({ kind: 'declines', status: 403, code: 'TRADE_ERROR', message: '交易存在风险，请用户更换支付方式' })),
  row('12', `pays at once; the day's bill lists it ${WECHAT_BILL_EXTRA_FEN / 100}.00 above what was charged (a planted 对账 difference)`, () => ({ kind: 'pays-now', billExtraFen: WECHAT_BILL_EXTRA_FEN })),
  row('13', "pays at once with a 2.00 merchant coupon (免充值 NOCASH): 顾客实付 (payer_total) and 商家实收 (应结订单金额) are 2.00 less", () => ({ kind: 'pays-now', promotion: 'merchant-coupon' })),
  row('14', 'pays at once with a 1.00 WeChat-funded promotion (充值型 CASH): 顾客实付 1.00 less, 商家实收 the full total', () => ({ kind: 'pays-now', promotion: 'wechat-promotion' })),
];

export function wechatBehaviourForCode(authCode: string, t: WechatTimes): WechatBehaviour {
  const suffix = authCode.slice(-2);
  return (WECHAT_CODE_TABLE.find((r) => r.suffix === suffix) ?? WECHAT_CODE_TABLE[0]!).behaviour(t);
}

export function describeWechatCodeTable(t: WechatTimes): string {
  return WECHAT_CODE_TABLE.map((r) => `  …${r.suffix}  ${r.example}  ${r.what}`).join('\n')
    + `\n  (paysAfterMs = ${t.paysAfterMs}, slowAnswerMs = ${t.slowAnswerMs})`;
}

/**
 * What a training customer does with a Native QR code, by the amount's last two fen digits: the
 * same endings as Alipay's QR_AMOUNT_TABLE (app/gateway/training/behaviours.ts). README.md prints it.
 */
export const WECHAT_QR_AMOUNT_TABLE: ReadonlyArray<{ fen: string; what: string; behaviour: WechatBehaviour }> = [
  { fen: '00', what: 'pays when the QR is scanned (so does every ending not listed)', behaviour: { kind: 'pays-now' } },
  { fen: '97', what: 'scans, then never pays (NOTPAY until the QR expires or is closed)', behaviour: { kind: 'never-pays' } },
  { fen: '98', what: "close answers 204 but the order stays payable until time_expire (a customer on the password sheet): a scan after the cashier's cancel still pays (the till refunds it)", behaviour: { kind: 'qr-close-misses' } },
];

export function wechatQrBehaviourForAmount(totalFen: number): WechatBehaviour {
  const fen = String(totalFen % 100).padStart(2, '0');
  return (WECHAT_QR_AMOUNT_TABLE.find((r) => r.fen === fen) ?? WECHAT_QR_AMOUNT_TABLE[0]!).behaviour;
}
