// out_trade_no is the idempotency key of one attempt: made before the first request and never
// reused for another code (barcode-pay.md: a new attempt needs a new out_trade_no). Alipay allows
// up to 64 letters, digits and underscores; training numbers carry their own prefix so they can
// never be mistaken for real takings.
import { randomInt } from 'node:crypto';
import { shanghaiStamp } from '../common/time.ts';

export type IdSource = { outTradeNo(training: boolean, atMs: number): string };

export const randomIds: IdSource = {
  outTradeNo: (training, atMs) => `${training ? 'TR' : 'P'}${shanghaiStamp(atMs)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
};

/** The n-th refund of a trade (1-based): stable, so a retried refund reuses its number. */
export function outRequestNo(outTradeNo: string, n: number): string {
  return `${outTradeNo}R${n}`;
}
