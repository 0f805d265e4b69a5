// alipay.trade.pay (scene bar_code): the behaviour picked by the scanned code decides what happens.
// Idempotent on out_trade_no: a repeat never charges again (barcode-pay.md "The flow").
import { BugError } from '../../common/errors.ts';
import { Refusal, businessFailed, invalidArgument, payInProcess, success, systemError, type Inner } from './answers.ts';
import { amountFen, merchantNo, requiredText, undiscountableFen, type Biz } from './biz-params.ts';
import type { Handled, MethodContext } from './method-types.ts';
import { identity, paidFields } from './trade-fields.ts';
import type { NewTrade, Trade } from './trade-store.ts';

export function tradePay(biz: Biz, ctx: MethodContext): Handled {
  const outTradeNo = merchantNo(biz, 'out_trade_no');
  const scene = requiredText(biz, 'scene');
  if (scene !== 'bar_code') throw new Refusal(invalidArgument('isv.invalid-parameter', `参数 scene 必须为 bar_code (scene must be bar_code, got ${JSON.stringify(scene)})`));
  const authCode = requiredText(biz, 'auth_code');
  const totalFen = amountFen(biz, 'total_amount');
  const subject = requiredText(biz, 'subject');
  const undiscountable = undiscountableFen(biz, totalFen);

  const existing = ctx.store.find({ outTradeNo });
  if (existing) {
    // alipay-sdk's HTTP client (urllib, socketErrorRetry 1) re-sends a request whose connection
    // dropped; dropping the repeat too keeps this behaviour what it says: the till hears nothing.
    const drops = existing.behaviour.kind === 'drops-connection-after-charge';
    return { answer: repeatedPay(existing, totalFen), ...(drops ? { delivery: { kind: 'drop' } as const } : {}) };
  }

  const behaviour = ctx.behaviourFor(authCode);
  const fresh: NewTrade = {
    outTradeNo, origin: 'bar_code', status: 'WAIT_BUYER_PAY', totalFen, subject, behaviour,
    createdAtMs: ctx.nowMs, paysAtMs: null, buyerSeed: authCode, undiscountableFen: undiscountable,
  };
  const { store, nowMs } = ctx;
  const charge = (): Trade => store.markPaid(store.insert(fresh).outTradeNo, nowMs);
  const wait = (paysAtMs: number | null): Handled => ({ answer: payInProcess(identity(store.insert({ ...fresh, paysAtMs }))) });

  switch (behaviour.kind) {
    case 'pays-now':
    case 'amount-mismatch':
      return { answer: success(paidFields(charge(), nowMs, ctx.appId)) };
    case 'waits-then-pays':
      return wait(nowMs + behaviour.paysAfterMs);
    case 'never-pays':
    case 'cancel-needs-retry':
      return wait(null);
    case 'declines': {
      // Stored closed, so a query after a lost answer says TRADE_CLOSED: a definite failure.
      const t = store.closeTrade(store.insert(fresh).outTradeNo, nowMs, null);
      return { answer: businessFailed(behaviour.subCode, behaviour.subMsg, { out_trade_no: t.outTradeNo }) };
    }
    case 'system-error-but-paid':
      charge();
      return { answer: systemError() };
    case 'slow-answer':
      return { answer: success(paidFields(charge(), nowMs, ctx.appId)), delivery: { kind: 'after', afterMs: behaviour.answerAfterMs } };
    case 'drops-connection-after-charge':
      return { answer: success(paidFields(charge(), nowMs, ctx.appId)), delivery: { kind: 'drop' } };
    case 'forged-answer': {
      // The buyer never pays; only the (untrusted) answer claims otherwise.
      const t = store.insert(fresh);
      return { answer: success(paidFields(t, nowMs, ctx.appId)), delivery: { kind: 'forged' } };
    }
    case 'qr-abandoned':
    case 'qr-close-misses-unscanned':
      throw new BugError(`QR behaviour ${behaviour.kind} given to a barcode payment`);
    default:
      throw new BugError(`unhandled training behaviour ${JSON.stringify(behaviour satisfies never)}`);
  }
}

/** A pay for an out_trade_no the gateway has seen: answer its state, never charge it again. */
function repeatedPay(t: Trade, totalFen: number): Inner {
  if (t.status === 'TRADE_CLOSED') return businessFailed('ACQ.TRADE_HAS_CLOSE', '交易已经关闭', { out_trade_no: t.outTradeNo });
  if (t.origin !== 'bar_code' || t.totalFen !== totalFen) return businessFailed('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改', { out_trade_no: t.outTradeNo });
  if (t.status === 'TRADE_SUCCESS') return businessFailed('ACQ.TRADE_HAS_SUCCESS', '交易已被支付', identity(t));
  return payInProcess(identity(t));
}
