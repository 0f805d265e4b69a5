// alipay.trade.precreate: the till shows a QR code and the customer scans it. Until the scan
// (simulateQrScan) the trade does not exist for query, as with Alipay; cancel and close end it.
import { businessFailed, success, type Inner } from './answers.ts';
import { amountFen, merchantNo, requiredText, undiscountableFen, type Biz } from './biz-params.ts';
import type { Handled, MethodContext } from './method-types.ts';
import { qrBehaviourForAmount } from './behaviours.ts';
import { identity } from './trade-fields.ts';
import type { Trade } from './trade-store.ts';

export function tradePrecreate(biz: Biz, ctx: MethodContext): Handled {
  const outTradeNo = merchantNo(biz, 'out_trade_no');
  const totalFen = amountFen(biz, 'total_amount');
  const subject = requiredText(biz, 'subject');
  const undiscountable = undiscountableFen(biz, totalFen);
  const existing = ctx.store.find({ outTradeNo });
  if (existing) return { answer: repeatedPrecreate(existing, totalFen, ctx) };
  const t = ctx.store.insert({
    outTradeNo, origin: 'precreate', status: 'WAIT_BUYER_PAY', totalFen, subject,
    behaviour: qrBehaviourForAmount(totalFen), createdAtMs: ctx.nowMs, paysAtMs: null, buyerSeed: outTradeNo, undiscountableFen: undiscountable,
  });
  return { answer: qrAnswer(t, ctx) };
}

/** The code encodes the training gateway's own scan page, so a test or the cashier can "scan" it. */
function qrAnswer(t: Trade, ctx: MethodContext): Inner {
  return success({ out_trade_no: t.outTradeNo, qr_code: ctx.qrLink ? ctx.qrLink(t.outTradeNo) : `https://qr.alipay.com/training/${t.tradeNo}` });
}

function repeatedPrecreate(t: Trade, totalFen: number, ctx: MethodContext): Inner {
  if (t.status === 'TRADE_CLOSED') return businessFailed('ACQ.TRADE_HAS_CLOSE', '交易已经关闭', { out_trade_no: t.outTradeNo });
  if (t.origin !== 'precreate' || t.totalFen !== totalFen) return businessFailed('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改', { out_trade_no: t.outTradeNo });
  if (t.status === 'TRADE_SUCCESS') return businessFailed('ACQ.TRADE_HAS_SUCCESS', '交易已被支付', identity(t));
  // The same QR code again: the till may ask twice after a lost answer.
  return qrAnswer(t, ctx);
}
