// HQ_UNREACHABLE names only the fact; what happens next depends on who asked. The till's syncer
// keeps the events and tries again by itself; a one-off command (pos hq reconcile / migrate /
// report) is simply over, so its owner must be told to check the connection and run it again.
import { ERROR_TEXT, PosError } from '../common/errors.ts';

export type Advice = { en: string; zh: string };

/** The syncer's: true while a till (or `pos sync`) keeps running with the events waiting. */
export const SYNC_RETRIES: Advice = { en: 'the events stay on this till and the till retries by itself', zh: '记录保留在本机，收银台稍后自动重试' };

/** A command that asked head office once and stopped. */
export function runAgain(command: string): Advice {
  return {
    en: `nothing was changed; check the network and hq.postgres (or --postgres), then run ${command} again`,
    zh: `未改动任何记录；请检查网络及 hq.postgres（或 --postgres）后重新运行 ${command}`,
  };
}

/** The same HQ_UNREACHABLE with the advice that is true for this caller; any other error unchanged. */
export function unreachableWith(e: unknown, advice: Advice): unknown {
  if (!(e instanceof PosError) || e.code !== 'HQ_UNREACHABLE') return e;
  const base = `${ERROR_TEXT.HQ_UNREACHABLE[1]}: `;
  const detail = e.message.startsWith(base) ? e.message.slice(base.length) : undefined;
  return new PosError('HQ_UNREACHABLE', detail ? `${detail}; ${advice.en}` : advice.en, {
    cause: e.cause ?? e,
    detailZh: e.detailZh ? `${e.detailZh}；${advice.zh}` : advice.zh,
    ...(e.details ? { details: e.details } : {}),
  });
}
