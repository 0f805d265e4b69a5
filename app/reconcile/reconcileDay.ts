// One day, one provider: fetch the bill, keep the raw file, read it, match it with the journal.
// A bill that fails to read is refused and no result is given (the lines are matched as they are
// read, and the bill's own totals are checked at its end); the journal is only ever read
// (JournalLedger opens it read-only), so a bad bill changes nothing.
import { PosError } from '../common/errors.ts';
import { isDay } from '../common/time.ts';
import type { BillSource } from './billSource.ts';
import { reconcile, type MatchOptions, type Reconciliation } from './match.ts';
import { keepRawBill, markRefused } from './rawBills.ts';
import type { TillLedger } from './tillRecords.ts';

export type DayReconciliation = Reconciliation & { training: boolean; rawPath: string; fetchedAt: number };

export async function reconcileDay(o: {
  day: string;
  source: BillSource;
  ledger: TillLedger;
  dataDir: string;
  training: boolean;
  match?: MatchOptions;
  nowMs?: number;
}): Promise<DayReconciliation> {
  if (!isDay(o.day)) throw new PosError('INVALID_ARGUMENT', `--date must be a day like 2026-06-05, got ${JSON.stringify(o.day)}`, { detailZh: `日期应形如 2026-06-05，收到 ${JSON.stringify(o.day)}` });
  const fetched = await o.source.fetch(o.day);
  const fetchedAt = o.nowMs ?? Date.now();
  const rawPath = keepRawBill(o.dataDir, o.source.provider, o.day, fetched.ext, fetched.bytes, fetchedAt);
  try {
    return { ...reconcile(fetched.parse(), o.ledger, o.match), training: o.training, rawPath, fetchedAt };
  } catch (e) {
    const kept = markRefused(rawPath);
    if (e instanceof PosError) throw new PosError(e.code, `${e.message.replace(/^[^:]*: /, '')} (file kept at ${kept})`, { cause: e, detailZh: e.detailZh, details: { ...e.details, rawPath: kept } });
    throw e;
  }
}
