// The Gateway port: what Checkout needs from a barcode-pay provider, in typed outcomes both Alipay
// and WeChat Pay can honestly fill (outcomes.ts). An adapter turns every answer into one of these;
// anything it cannot vouch for (a throw after the request left, a bad signature, a malformed body)
// is `unknown`, never a decline. Nothing outside an adapter's folder branches on `provider`: a
// provider's timings reach Checkout as `rules`.
import type { Provider } from '../common/codes.ts';
import type {
  CancelOutcome, PayOutcome, PayRequest, ProviderRules, QueryOutcome, RefundOutcome, RefundQueryOutcome, RefundRequest,
} from './outcomes.ts';

export type * from './outcomes.ts';

export interface Gateway {
  readonly provider: Provider;
  /** True when this gateway is a training gateway: every answer and receipt says so. */
  readonly training: boolean;
  readonly rules: ProviderRules;
  pay(req: PayRequest): Promise<PayOutcome>;
  query(outTradeNo: string): Promise<QueryOutcome>;
  cancel(outTradeNo: string): Promise<CancelOutcome>;
  refund(req: RefundRequest): Promise<RefundOutcome>;
  refundQuery(outTradeNo: string, outRequestNo: string): Promise<RefundQueryOutcome>;
}

/** Alipay's rules: cancel at any time, no cap on the wait, refunds back to back. */
export const NO_PROVIDER_LIMITS: ProviderRules = { minCancelDelayMs: 0, maxWaitSeconds: undefined, lateTradeWindowMs: undefined, minRefundGapMs: 0 };
