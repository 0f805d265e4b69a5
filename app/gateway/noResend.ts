// urllib (alipay-sdk's HTTP client) silently re-sends a request once when the socket errors
// (`socketErrorRetry: 1`, node-modules/urllib#454). For trade.pay that is a second charge request
// the till never decided to make: after a dropped connection the rule is query, then cancel
// (barcode-pay.md). alipay-sdk offers no option for it, so every request through the shared
// `urllib` object gets `socketErrorRetry: 0` and `retry: 0`. test/checkout proves one request.
import urllib from 'urllib';

const MARK = Symbol.for('till.urllib.noResend');
type Patchable = typeof urllib & { [MARK]?: true };

export function disableUrllibResend(): void {
  const u = urllib as Patchable;
  if (u[MARK]) return;
  const original = u.request;
  u.request = ((url: Parameters<typeof original>[0], options?: Parameters<typeof original>[1]) =>
    original(url, { ...options, retry: 0, socketErrorRetry: 0 })) as typeof original;
  u[MARK] = true;
}
