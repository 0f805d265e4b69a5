// Who asked for a cancel while a payment waits: the cashier's Esc, or the till stopping mid-payment
// (pos serve on SIGTERM). The journal records which, so a stop is never blamed on the cashier
// (try.md item 6). requestCancel passes it as the AbortController's reason.
export type CancelAsker = 'cashier' | 'stopped';

/** The asker an aborted wait was aborted for. */
export function askerOf(signal: AbortSignal): CancelAsker {
  return signal.reason === 'stopped' ? 'stopped' : 'cashier';
}
