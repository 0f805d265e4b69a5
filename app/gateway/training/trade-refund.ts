// alipay.trade.refund and alipay.trade.fastpay.refund.query. out_request_no is the idempotency key:
// the same number with the same amount is the same refund (fund_change "N": no new money moved).
import { fenToYuan } from '../../common/money.ts';
import { businessFailed, success, tradeNotExist, tradeStatusError } from './answers.ts';
import { amountFen, merchantNo, optionalMerchantNo, tradeRef, type Biz } from './biz-params.ts';
import type { Handled, MethodContext } from './method-types.ts';
import { beijingDateTime } from './trade-ids.ts';
import { existsForBuyer, identity } from './trade-fields.ts';
import { echo } from './trade-query.ts';
import type { Refund, Trade } from './trade-store.ts';

export function tradeRefund(biz: Biz, ctx: MethodContext): Handled {
  const ref = tradeRef(biz);
  const refundFen = amountFen(biz, 'refund_amount');
  const requested = optionalMerchantNo(biz, 'out_request_no');
  const { store, nowMs } = ctx;
  const t = store.find(ref);
  if (!t || !existsForBuyer(t)) return { answer: tradeNotExist(echo(ref)) };
  // Alipay's default: without out_request_no the refund is keyed by the trade itself.
  const outRequestNo = requested ?? t.outTradeNo;

  const earlier = store.findRefund(t.outTradeNo, outRequestNo);
  if (earlier) {
    if (earlier.amountFen !== refundFen) {
      return { answer: businessFailed('ACQ.PARAM_ILLEGAL', `退款请求号 ${outRequestNo} 已用于金额 ${fenToYuan(earlier.amountFen)} 的退款`, identity(t)) };
    }
    // Checked before the status: a full refund closed the trade, and its replay must still succeed.
    return { answer: success(refundFields(t, earlier, 'N')) };
  }
  if (t.status !== 'TRADE_SUCCESS') return { answer: tradeStatusError(identity(t)) };
  if (refundFen > t.totalFen - t.refundedFen) {
    return { answer: businessFailed('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', `退款金额超限，剩余可退 ${fenToYuan(t.totalFen - t.refundedFen)}`, identity(t)) };
  }
  const refund: Refund = { outTradeNo: t.outTradeNo, outRequestNo, amountFen: refundFen, refundedAtMs: nowMs };
  return { answer: success(refundFields(store.addRefund(refund), refund, 'Y')) };
}

function refundFields(t: Trade, r: Refund, fundChange: 'Y' | 'N'): Record<string, unknown> {
  return {
    ...identity(t),
    buyer_logon_id: t.buyer.buyerLogonId,
    buyer_user_id: t.buyer.buyerUserId,
    fund_change: fundChange,
    // Alipay's refund_fee is everything refunded on the trade so far, not this refund.
    refund_fee: fenToYuan(t.refundedFen),
    gmt_refund_pay: beijingDateTime(r.refundedAtMs),
  };
}

export function tradeRefundQuery(biz: Biz, ctx: MethodContext): Handled {
  const ref = tradeRef(biz);
  const outRequestNo = merchantNo(biz, 'out_request_no');
  const t = ctx.store.find(ref);
  if (!t || !existsForBuyer(t)) return { answer: tradeNotExist(echo(ref)) };
  const r = ctx.store.findRefund(t.outTradeNo, outRequestNo);
  // No refund under this number: Alipay answers 10000 with no refund fields at all.
  if (!r) return { answer: success({ out_trade_no: t.outTradeNo, out_request_no: outRequestNo }) };
  return {
    answer: success({
      ...identity(t),
      out_request_no: outRequestNo,
      total_amount: fenToYuan(t.totalFen),
      refund_amount: fenToYuan(r.amountFen),
      refund_status: 'REFUND_SUCCESS',
      gmt_refund_pay: beijingDateTime(r.refundedAtMs),
    }),
  };
}
