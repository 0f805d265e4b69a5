// WeChat Pay's timings for 付款码 orders (wechat-pay.md §1.7), in one place next to the adapter.
// Native QR orders (wechatQr.ts, qr-bills-transfers.md §2.2) keep only the refund gap: they are
// closed, never reversed (so no 15 s rule), live to their own time_expire (no 45 s auto-revoke, no
// 40 s wait cap: QrCheckout waits to payment.qrTimeoutSeconds), and "no such order" is not their
// waiting answer (NOTPAY is). The Global API forbids a close within 5 min of the order; whether the
// domestic v3 close has a limit is [UNVERIFIED] — a refused close is retried and the query decides.
import type { ProviderRules } from '../outcomes.ts';

/** "调用支付接口后请勿立即调用撤销订单API，建议支付后至少15s后再调用". */
export const MIN_REVERSE_DELAY_MS = 15_000;

/** Unpaid 付款码 orders are revoked by WeChat itself after about 45 s. */
export const AUTO_REVOKE_MS = 45_000;

/** The till's wait stays below the auto-revoke, so its own reverse (and its answer) decides. */
export const MAX_WAIT_SECONDS = 40;

/**
 * [UNVERIFIED] How long after the order an ORDER_NOT_EXIST can still turn into an order: a code
 * lives about a minute, plus a request timeout. Past this, "no such order" means nothing charged.
 */
export const LATE_ORDER_WINDOW_MS = 2 * 60_000;

/** "同一笔订单多次退款需间隔1分钟以上". */
export const MIN_REFUND_GAP_MS = 60_000;

/** WeChat's documented schedule after SYSTEMERROR/USERPAYING: a query every 5 s (the bench compares). */
export const DOCUMENTED_QUERY_INTERVAL_MS = 5000;

export const WECHAT_RULES: ProviderRules = {
  minCancelDelayMs: MIN_REVERSE_DELAY_MS,
  maxWaitSeconds: MAX_WAIT_SECONDS,
  lateTradeWindowMs: LATE_ORDER_WINDOW_MS,
  minRefundGapMs: MIN_REFUND_GAP_MS,
};
