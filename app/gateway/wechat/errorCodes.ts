// What WeChat's v3 error codes mean at the counter (wechat-pay.md §1.4/§1.5). v3 codepay's own
// business codes are not published [UNVERIFIED]: the v2 micropay names are used, with their v3
// spellings (SYSTEM_ERROR, BANK_ERROR, NOT_ENOUGH) beside them.
import type { DeclineAdvice } from '../../common/payment/declines.ts';

/** WeChat could not say: the outcome is unknown, query it. */
export const UNKNOWN_CODES = new Set(['SYSTEM_ERROR', 'SYSTEMERROR', 'BANK_ERROR', 'BANKERROR', 'ORDERPAID', 'OUT_TRADE_NO_USED', 'FREQUENCY_LIMITED', 'LACK_PARAMS', 'NOT_UTF8']);

/** The merchant's set-up or the till's request is wrong; nothing was charged. */
export const CONFIG_CODES = new Set([
  'PARAM_ERROR', 'SIGN_ERROR', 'SIGNERROR', 'NOAUTH', 'NO_AUTH', 'MCHID_NOT_EXIST', 'APPID_NOT_EXIST', 'APPID_MCHID_NOT_MATCH',
  'INVALID_REQUEST_METHOD', 'REQUIRE_POST_METHOD', 'XML_FORMAT_ERROR', 'ACCOUNT_ERROR', 'RULE_LIMIT', 'INVALID_ACCOUNT',
]);

const refresh = { next: 'ask the customer to refresh the payment code and scan again', nextZh: '请顾客刷新付款码后重新扫码' };
const other = { next: 'ask the customer to pay another way', nextZh: '请顾客更换付款方式' };

export const WECHAT_DECLINE_ADVICE: Record<string, DeclineAdvice> = {
  AUTHCODEEXPIRE: { reason: 'the WeChat payment code has expired', reasonZh: '微信付款码已过期', ...refresh },
  AUTH_CODE_ERROR: { reason: 'this WeChat payment code was already used', reasonZh: '每个付款码仅限使用一次', ...refresh },
  AUTH_CODE_INVALID: { reason: 'this is not a valid WeChat payment code', reasonZh: '付款码无效', next: 'ask the customer to refresh the code, or use another wallet', nextZh: '请顾客刷新付款码或更换钱包' },
  NOTENOUGH: { reason: "the customer's WeChat balance is not enough", reasonZh: '顾客余额不足', next: 'ask the customer to switch the card in WeChat, then scan the new code', nextZh: '请顾客在微信中更换银行卡后重新扫码' },
  NOT_ENOUGH: { reason: "the customer's WeChat balance is not enough", reasonZh: '顾客余额不足', next: 'ask the customer to switch the card in WeChat, then scan the new code', nextZh: '请顾客在微信中更换银行卡后重新扫码' },
  NOTSUPORTCARD: { reason: 'this card type is not supported', reasonZh: '不支持该卡类型', next: 'ask the customer to choose another card in WeChat, then scan the new code', nextZh: '请顾客在微信中换一张卡后重新扫码' },
  TRADE_ERROR: { reason: 'WeChat Pay refused the payment (risk or account limits)', reasonZh: '微信支付拒绝了本次交易（风控或账户限制）', ...other },
  BUYER_MISMATCH: { reason: 'a different customer paid under this order number', reasonZh: '支付账号与订单不一致', next: 'start a new payment', nextZh: '请重新发起收款' },
  ORDERCLOSED: { reason: 'this order is closed', reasonZh: '订单已关闭', next: 'start a new payment', nextZh: '请重新发起收款' },
  ORDERREVERSED: { reason: 'this order was reversed', reasonZh: '订单已撤销', next: 'start a new payment', nextZh: '请重新发起收款' },
  PAYERROR: { reason: 'the payment failed at WeChat Pay', reasonZh: '微信支付失败', ...refresh },
  USERPAYING_CLOSED: { reason: 'the customer did not confirm', reasonZh: '顾客未确认支付', ...refresh },
};

export function wechatAdvice(code: string, message: string): DeclineAdvice {
  return WECHAT_DECLINE_ADVICE[code] ?? { reason: message || code || 'declined by WeChat Pay', reasonZh: message || code || '微信支付失败', next: 'ask the customer to refresh the code or pay another way', nextZh: '请顾客刷新付款码或更换付款方式' };
}
