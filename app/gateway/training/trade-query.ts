// alipay.trade.query: the trade as it stands now (waits-then-pays settled by the caller first).
import { fenToYuan } from '../../common/money.ts';
import { success, tradeNotExist } from './answers.ts';
import { tradeRef, type Biz } from './biz-params.ts';
import type { Handled, MethodContext } from './method-types.ts';
import { beijingDateTime } from './trade-ids.ts';
import { buyerIds, existsForBuyer, identity, reportedTotalFen } from './trade-fields.ts';
import { paidAmountFields } from './discounts.ts';

export function tradeQuery(biz: Biz, ctx: MethodContext): Handled {
  const ref = tradeRef(biz);
  const t = ctx.store.find(ref);
  if (!t || !existsForBuyer(t)) return { answer: tradeNotExist(echo(ref)) };
  const amount = fenToYuan(reportedTotalFen(t));
  return {
    answer: success({
      ...identity(t),
      buyer_logon_id: t.buyer.buyerLogonId,
      trade_status: t.status,
      total_amount: amount,
      ...(t.paidAtMs === null ? {} : {
        ...buyerIds(t, ctx.appId),
        ...paidAmountFields(t.behaviour, reportedTotalFen(t), t.undiscountableFen),
        send_pay_date: beijingDateTime(t.paidAtMs),
      }),
    }),
  };
}

/** The reference the caller gave, echoed back on a miss as Alipay does. */
export function echo(ref: { outTradeNo?: string; tradeNo?: string }): Record<string, string> {
  return { ...(ref.tradeNo === undefined ? {} : { trade_no: ref.tradeNo }), ...(ref.outTradeNo === undefined ? {} : { out_trade_no: ref.outTradeNo }) };
}
