// alipay.trade.cancel and alipay.trade.close. Cancel is the till's way out of an unknown outcome:
// it closes a waiting trade and refunds a paid one, and it is safe to repeat (barcode-pay.md step 5).
// Close never refunds.
import { businessFailed, success, tradeNotExist, tradeStatusError } from './answers.ts';
import { tradeRef, type Biz } from './biz-params.ts';
import type { Handled, MethodContext } from './method-types.ts';
import { beijingDateTime } from './trade-ids.ts';
import { identity } from './trade-fields.ts';
import { echo } from './trade-query.ts';
import type { CancelAction, Trade } from './trade-store.ts';

export function tradeCancel(biz: Biz, ctx: MethodContext): Handled {
  const ref = tradeRef(biz);
  const { store, nowMs } = ctx;
  let t = store.find(ref);
  if (!t) {
    // A trade_no names a trade Alipay created; if there is none, there is nothing to close.
    if (ref.tradeNo !== undefined || ref.outTradeNo === undefined) return { answer: tradeNotExist(echo(ref)) };
    // The pay request may still be on its way: a closed tombstone makes that late pay fail.
    const tomb = store.insert({
      outTradeNo: ref.outTradeNo, origin: 'tombstone', status: 'WAIT_BUYER_PAY', totalFen: 0, subject: '',
      behaviour: { kind: 'never-pays' }, createdAtMs: nowMs, paysAtMs: null, buyerSeed: ref.outTradeNo,
    });
    t = store.closeTrade(tomb.outTradeNo, nowMs, 'close');
  }
  if (t.behaviour.kind === 'cancel-needs-retry' && t.cancelAttempts < t.behaviour.retriesBeforeOk) {
    store.countCancelAttempt(t.outTradeNo);
    return { answer: businessFailed('ACQ.SYSTEM_ERROR', '系统异常，请重试', { ...identity(t), retry_flag: 'Y' }) };
  }
  let action: CancelAction;
  if (t.status === 'WAIT_BUYER_PAY') {
    action = 'close';
    t = store.closeTrade(t.outTradeNo, nowMs, action);
  } else if (t.status === 'TRADE_SUCCESS') {
    action = 'refund';
    t = store.closeTrade(t.outTradeNo, nowMs, action);
  } else {
    // A repeated cancel says what the first one did, so a till whose answer was lost learns it.
    action = t.cancelAction ?? 'close';
  }
  return { answer: success({ ...identity(t), retry_flag: 'N', action, ...refundTime(t, action) }) };
}

function refundTime(t: Trade, action: CancelAction): Record<string, string> {
  return action === 'refund' && t.closedAtMs !== null ? { gmt_refund_pay: beijingDateTime(t.closedAtMs) } : {};
}

export function tradeClose(biz: Biz, ctx: MethodContext): Handled {
  const ref = tradeRef(biz);
  const t = ctx.store.find(ref);
  if (!t || t.origin === 'tombstone') return { answer: tradeNotExist(echo(ref)) };
  if (t.behaviour.kind === 'qr-close-misses-unscanned' && !t.scanned) return { answer: tradeNotExist(echo(ref)) };
  if (t.paidAtMs !== null) return { answer: tradeStatusError(identity(t)) };
  // Closing a closed, never-paid trade again is harmless, so it answers success (idempotent).
  const closed = t.status === 'WAIT_BUYER_PAY' ? ctx.store.closeTrade(t.outTradeNo, ctx.nowMs, null) : t;
  return { answer: success(identity(closed)) };
}
