// What the cashier should do next after a definite decline (barcode-pay.md: trade.pay sub_codes
// worth a specific message). Anything not listed gets the gateway's own words and the general advice.
export type DeclineAdvice = { reason: string; reasonZh: string; next: string; nextZh: string };

export const DECLINE_ADVICE: Record<string, DeclineAdvice> = {
  'ACQ.PAYMENT_AUTH_CODE_INVALID': { reason: 'the payment code is invalid or expired', reasonZh: '付款码无效或已过期', next: 'ask the customer to refresh the code and scan again', nextZh: '请顾客刷新付款码后重新扫码' },
  'ACQ.BUYER_BALANCE_NOT_ENOUGH': { reason: "the customer's balance is not enough", reasonZh: '顾客余额不足', next: 'ask the customer to switch the payment method in Alipay, then scan the new code', nextZh: '请顾客在支付宝中更换付款方式后重新扫码' },
  'ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH': { reason: "the customer's bank card balance is not enough", reasonZh: '顾客银行卡余额不足', next: 'ask the customer to switch the payment method, then scan the new code', nextZh: '请顾客更换付款方式后重新扫码' },
  'ACQ.TRADE_HAS_CLOSE': { reason: 'this trade was already closed', reasonZh: '交易已关闭', next: 'start a new payment', nextZh: '请重新发起收款' },
  'ACQ.CONTEXT_INCONSISTENT': { reason: 'the trade details do not match an earlier request with the same number', reasonZh: '交易信息与之前的请求不一致', next: 'start a new payment', nextZh: '请重新发起收款' },
  'ACQ.PAYMENT_REQUEST_HAS_RISK': { reason: 'Alipay refused the payment for risk reasons', reasonZh: '支付宝风控拒绝了本次支付', next: 'ask the customer to pay another way', nextZh: '请顾客使用其他方式付款' },
  'ACQ.TOTAL_FEE_EXCEED': { reason: 'the amount is above what this merchant may charge', reasonZh: '金额超过商户收款限额', next: 'check the amount', nextZh: '请核对金额' },
  'ACQ.ACCESS_FORBIDDEN': { reason: 'face-to-face pay is not signed for this app', reasonZh: '该应用未签约当面付', next: 'the shop owner must sign face-to-face pay in the Alipay console', nextZh: '请店主在支付宝开放平台签约当面付' },
  'ACQ.INVALID_STORE_ID': { reason: 'the store id is not valid', reasonZh: '门店编号无效', next: 'fix alipay.storeId in the settings', nextZh: '请在设置中修正门店编号' },
};

export function adviceFor(subCode: string, gatewayMessage: string): DeclineAdvice {
  return DECLINE_ADVICE[subCode] ?? { reason: gatewayMessage || subCode || 'declined', reasonZh: gatewayMessage || subCode || '支付失败', next: 'ask the customer to refresh the code or pay another way', nextZh: '请顾客刷新付款码或更换付款方式' };
}
