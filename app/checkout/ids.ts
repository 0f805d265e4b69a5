// out_trade_no is the idempotency key of one attempt: made before the first request and never
// reused for another code (barcode-pay.md: a new attempt needs a new out_trade_no). Alipay allows
// up to 64 letters, digits and underscores; training numbers carry their own prefix so they can
// never be mistaken for real takings.
import { createHash, randomInt } from 'node:crypto';
import { shanghaiStamp } from '../common/time.ts';

export type IdSource = { outTradeNo(training: boolean, atMs: number): string };

export const randomIds: IdSource = {
  outTradeNo: (training, atMs) => `${training ? 'TR' : 'P'}${shanghaiStamp(atMs)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
};

/** Longest till tag: 2 (TR) + 11 + 1 (_) + 12 (yyMMddHHmmss) + 6 = 32, WeChat's limit (Alipay's is 64). */
export const TILL_TAG_MAX = 11;

/**
 * A till id (letters, digits, _ . -) written in out_trade_no's alphabet, shared by Alipay
 * (letters, digits, _) and WeChat (also - * |): other characters become "_"; an id too long keeps
 * its first 6 characters and 5 of its SHA-256 in base 36, so different long ids stay apart.
 */
export function tillTag(tillId: string): string {
  const plain = tillId.replace(/[^A-Za-z0-9]/g, '_');
  if (plain.length <= TILL_TAG_MAX) return plain;
  const h = BigInt(`0x${createHash('sha256').update(tillId).digest('hex').slice(0, 12)}`).toString(36).padStart(5, '0').slice(-5);
  return `${plain.slice(0, TILL_TAG_MAX - 5)}${h}`;
}

/**
 * A chain's tills share one merchant account, so out_trade_no must be unique across them
 * (docs/chain.md): "TR"/"P", the till's tag, "_", yyMMddHHmmss and 6 random digits — at most 32.
 * Everything after the tag is digits, so the tag is what precedes the last "_".
 */
export function chainIds(tillId: string): IdSource {
  const tag = tillTag(tillId);
  return { outTradeNo: (training, atMs) => `${training ? 'TR' : 'P'}${tag}_${shanghaiStamp(atMs).slice(2)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}` };
}

/** The id source of a till: chain-unique numbers once it has a till id. */
export function idsFor(tillId: string | undefined): IdSource {
  return tillId ? chainIds(tillId) : randomIds;
}

/** The till tag a chain number carries (null: a number made without a till id). */
export function tagOf(outTradeNo: string): string | null {
  const m = /^(?:TR|P)([A-Za-z0-9_]+)_\d{18}$/.exec(outTradeNo);
  return m ? m[1]! : null;
}

/** The Shanghai day a chain number was made ("2026-12-02"; null: not a chain number): the day its attempt is booked under. */
export function dayOfChainNumber(outTradeNo: string): string | null {
  const m = /^(?:TR|P)[A-Za-z0-9_]+_(\d{2})(\d{2})(\d{2})\d{12}$/.exec(outTradeNo);
  return m ? `20${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The n-th refund of a trade (1-based): stable, so a retried refund reuses its number. */
export function outRequestNo(outTradeNo: string, n: number): string {
  return `${outTradeNo}R${n}`;
}
