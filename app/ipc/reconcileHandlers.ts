// The 对账 screen's channel (issue 12): fetch, keep and match a day's bill through the till's
// Reconciler; the journal is only read. Spread over createHandlers' own (handlers.ts).
import type { Channel } from '../common/ipc/contract.ts';
import type { ReconcileView } from '../common/ipc/reconcileViews.ts';
import { shanghaiDay } from '../common/time.ts';
import { reconciliationCsv } from '../reconcile/csv.ts';
import type { Handlers } from './dispatch.ts';
import type { HostDeps } from './handlers.ts';

export const RECONCILE_CHANNELS = ['pos:reconcile:day'] as const satisfies readonly Channel[];
type ReconcileChannel = (typeof RECONCILE_CHANNELS)[number];

export function reconcileHandlers(d: HostDeps): Pick<Handlers, ReconcileChannel> {
  return {
    'pos:reconcile:day': async (req): Promise<ReconcileView> => {
      const till = d.till();
      // A bill is ready the day after: by default, yesterday's.
      const day = req.day ?? shanghaiDay(Date.now() - 86_400_000);
      const r = await till.reconciler.run(day, req.provider ?? 'alipay');
      return {
        day: r.day, provider: r.provider, training: r.training, payments: r.payments, refunds: r.refunds,
        receivedFen: r.bill.receivedFen, feeFen: r.fees.feeFen, netSettledFen: r.netSettledFen,
        differences: r.differences.map((x) => ({
          kind: x.kind, what: x.what, outTradeNo: x.outTradeNo, outRefundNo: x.outRefundNo, billAmountFen: x.billAmountFen, tillAmountFen: x.tillAmountFen, tillState: x.tillState,
          inJournal: till.journal.getAttempt(x.outTradeNo) !== undefined,
        })),
        csv: reconciliationCsv(r),
        rawFile: r.rawPath,
      };
    },
  };
}
