// Test-only timing hooks of the training gateway (docs/training-gateway.md "Timing hooks"): the
// cross-process tests (issue 8) need a request that is still on its way, or an answer that comes
// late, at a moment the test chooses — not a sleep. Nothing in the till sets these; `pos
// gateway-sim` does not expose them.

/** One call as the gateway sees it; `seq` counts calls from 1 in arrival order. */
export type GatewayCall = { method: string; outTradeNo?: string | undefined; seq: number };

export type TimingHooks = {
  /** Awaited before the call is handled: holding it is a request that has not reached Alipay yet. */
  beforeHandle?: (call: GatewayCall) => Promise<void> | void;
  /** Awaited after the call is handled (its effect committed), before the answer is sent: a late answer. */
  beforeAnswer?: (call: GatewayCall) => Promise<void> | void;
};
