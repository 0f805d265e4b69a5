// `pos hq reconcile`: one provider bill for the whole chain, matched against every till's records
// at head office (issue 13; the till's own `pos reconcile` is app/reconcile/). The bill is fetched
// once and kept raw exactly as `pos reconcile` keeps it; the till's matcher (match.ts) does the
// matching over head office's ledger (hqLedger.ts); this file adds what only a chain has:
// - every difference names its store and till: the till whose record it is, or — for a bill line
//   head office has no record of — the till whose tag its out_trade_no carries (app/checkout/ids.ts);
// - a number two tills hold (made before till.id went into out_trade_no) is "ambiguous", listed
//   with each till's record, never matched to one of them;
// - tills that have not synced up to the end of the day are listed, and so is every difference of
//   theirs: a bill-only line of a till head office last heard from before that line was paid is
//   most likely just not synced yet.
import type pg from 'pg';
import { tagOf, tillTag } from '../checkout/ids.ts';
import { PosError } from '../common/errors.ts';
import { isDay } from '../common/time.ts';
import { milliToFen } from '../reconcile/billCells.ts';
import type { BillLine, BillReading } from '../reconcile/billLine.ts';
import type { BillSource } from '../reconcile/billSource.ts';
import { neighbourDays, reconcile, type Difference, type DifferenceKind, type Reconciliation, type Tally } from '../reconcile/match.ts';
import { keepRawBill, markRefused } from '../reconcile/rawBills.ts';
import { refundKey } from '../reconcile/tillRecords.ts';
import { HqLedger, type Candidate, type ChainTill } from './hqLedger.ts';
import { hqSchemaVersion } from './hqMigrations.ts';

/** The schema that has what the chain's reconciliation reads (hqMigrations.ts step 3). */
export const RECONCILE_SCHEMA = 3;
/**
 * A till counts as synced up to a moment when head office heard from it after that moment with
 * nothing waiting. For a day not over yet the moment is "now" less two of the syncer's 60 s
 * heartbeats, so a running till is not listed for the seconds since its last contact.
 */
export const SYNC_GRACE_MS = 120_000;

export type ChainDifferenceKind = DifferenceKind | 'ambiguous';

export type ChainDifference = Omit<Difference, 'kind'> & {
  kind: ChainDifferenceKind;
  storeId: string | null;
  tillId: string | null;
  /** 'record': head office holds this till's record of it; 'number': the till tag in its out_trade_no; null: no till known. */
  attributedBy: 'record' | 'number' | null;
  /** Ambiguous (and a twice-billed ambiguous number): each till's record of the number. */
  candidates: Candidate[];
  /** The till it belongs to has not synced up to the end of the day: the difference may only be that. */
  tillUnsynced: boolean;
};

export type ChainTillSummary = {
  tillId: string;
  storeId: string;
  lastContactAtMs: number;
  waiting: number;
  /** Head office heard from it after the end of the day (or recently, for today) with nothing waiting, and the bill has nothing of it paid after that. */
  synced: boolean;
  why: string | null;
  whyZh: string | null;
  /** Bill lines of this till (by its records, else by the tag in the number). */
  bill: BillShare;
  /** What the till itself took of those (its records at head office): the bill's share corrected by this till's differences. */
  till: { payments: Tally; refunds: Tally };
  differences: number;
};

/**
 * A till's own side of its bill share (try item 14: the bill's 18.34 is not what the till took):
 * a matched line is the same on both sides, so only the till's differences move the figures — a
 * line the till does not hold as paid (or the bill's second copy of one) comes off, a record the
 * bill lacks goes on, an amount that differs counts at the till's amount. Ambiguous numbers are in
 * no till's share, so they are not counted here either.
 */
export function tillSide(bill: Pick<BillShare, 'payments' | 'refunds'>, differences: ReadonlyArray<Pick<ChainDifference, 'kind' | 'what' | 'billAmountFen' | 'tillAmountFen'>>): { payments: Tally; refunds: Tally } {
  const side = { payments: { ...bill.payments }, refunds: { ...bill.refunds } };
  for (const d of differences) {
    const t = d.what === 'payment' ? side.payments : side.refunds;
    if (d.kind === 'in-bill-not-in-till' || d.kind === 'twice-in-bill') {
      t.count -= 1;
      t.amountFen -= d.billAmountFen ?? 0;
    } else if (d.kind === 'in-till-not-in-bill') {
      t.count += 1;
      t.amountFen += d.tillAmountFen ?? 0;
    } else if (d.kind === 'amount-differs') {
      t.amountFen += (d.tillAmountFen ?? 0) - (d.billAmountFen ?? 0);
    }
  }
  return side;
}

/** Some of a bill's lines: counts and sums, 商家实收, fees (rounded to fen once for the share). */
export type BillShare = { payments: Tally; refunds: Tally; receivedFen: number; feeFen: number; feeMilliFen: number };

export type ChainReconciliation = Omit<Reconciliation, 'differences'> & {
  training: boolean;
  rawPath: string;
  fetchedAt: number;
  /** Head office's clock when its records were read (one snapshot). */
  readAtMs: number;
  /** Where the time went (benchmarks print it): reading head office, the match, a second match when the bill named numbers outside the window, the details after. */
  phasesMs: { load: number; match: number; again: number; details: number };
  ambiguous: { payments: Tally; refunds: Tally };
  tills: ChainTillSummary[];
  unsynced: ChainTillSummary[];
  /** Bill lines whose number carries a till tag no till at head office has: a till that never synced, or not one of the chain's. */
  unknownTags: Array<{ tag: string } & BillShare>;
  /** Lines of no known till at all (numbers without a tag that head office does not hold). */
  unattributed: BillShare;
  /** Lines of numbers several tills hold: with the tills' own and the two above, they add up to the bill. */
  ambiguousLines: BillShare;
  /** Two till ids written alike in out_trade_no (e.g. S01-T01 and S01_T01): their numbers could collide. */
  tagClashes: Array<{ tag: string; tillIds: string[] }>;
  differences: ChainDifference[];
};

const tally = (): Tally => ({ count: 0, amountFen: 0 });
const add = (t: Tally, fen: number, n = 1) => {
  t.count += n;
  t.amountFen += fen * n;
};
/** "2026-06-05 10:11:12" Beijing → epoch ms (NaN if the bill left it out). */
const beijingMs = (s: string | null) => (s ? Date.parse(`${s.replace(' ', 'T')}+08:00`) : Number.NaN);
/** The id a till's tag is made of: a training journal syncs under "<till.id>:training". */
const configuredId = (tillId: string) => tillId.replace(/:training$/, '');

type Bucket = { payments: Tally; refunds: Tally; receivedFen: number; feeMilliFen: number };
const bucket = (): Bucket => ({ payments: tally(), refunds: tally(), receivedFen: 0, feeMilliFen: 0 });
const share = (b: Bucket): BillShare => ({ payments: b.payments, refunds: b.refunds, receivedFen: b.receivedFen, feeMilliFen: b.feeMilliFen, feeFen: milliToFen(b.feeMilliFen) });

export async function reconcileChain(o: {
  client: pg.ClientBase;
  source: BillSource;
  day: string;
  training: boolean;
  /** Where the raw bill is kept (<dataDir>/bills/<provider>/, as `pos reconcile`). */
  dataDir: string;
  nowMs?: number;
}): Promise<ChainReconciliation> {
  if (!isDay(o.day)) throw new PosError('INVALID_ARGUMENT', `--date must be a day like 2026-06-05, got ${JSON.stringify(o.day)}`, { detailZh: `日期应形如 2026-06-05，收到 ${JSON.stringify(o.day)}` });
  const version = await hqSchemaVersion(o.client);
  if (version < RECONCILE_SCHEMA) {
    throw new PosError('INVALID_CONFIG', `head office's schema is version ${version}; the chain's reconciliation needs ${RECONCILE_SCHEMA}: run pos hq migrate`, { detailZh: `总部数据库版本为 ${version}，全连锁对账需要 ${RECONCILE_SCHEMA}：请先运行 pos hq migrate` });
  }
  // The bill first (the provider's link lives 30 s, the download may be slow); then head office is
  // read in one snapshot, so tills syncing meanwhile cannot make a payment count twice or not at all.
  const fetched = await o.source.fetch(o.day);
  const fetchedAt = o.nowMs ?? Date.now();
  const rawPath = keepRawBill(o.dataDir, o.source.provider, o.day, fetched.ext, fetched.bytes, fetchedAt);
  await o.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const now = await o.client.query<{ ms: string }>('SELECT (extract(epoch FROM now()) * 1000)::bigint AS ms');
    const readAtMs = Number(now.rows[0]!.ms);
    const phasesMs = { load: 0, match: 0, again: 0, details: 0 };
    let t = performance.now();
    const lap = (k: keyof typeof phasesMs) => {
      const now2 = performance.now();
      phasesMs[k] = now2 - t;
      t = now2;
    };
    const ledger = await HqLedger.load(o.client, { provider: o.source.provider, day: o.day, training: o.training });
    const byTag = tagMap(ledger.tills);
    const buckets = new Map<string, Bucket>();
    let r: Reconciliation;
    try {
      // Pass 1 reads the whole bill (a bad one is refused here) and fetches what the window lacks.
      lap('load');
      const run = () => {
        buckets.clear();
        const reading = fetched.parse();
        return reconcile({ ...reading, lines: counted(reading, ledger, byTag, buckets) }, ledger);
      };
      r = run();
      lap('match');
      // Numbers the window did not hold: fetched now, and the same bill matched again with them.
      if (await ledger.fetchMisses()) {
        ledger.reset();
        r = run();
      }
      lap('again');
    } catch (e) {
      const kept = markRefused(rawPath);
      if (e instanceof PosError) throw new PosError(e.code, `${e.message.replace(/^[^:]*: /, '')} (file kept at ${kept})`, { cause: e, detailZh: e.detailZh, details: { ...e.details, rawPath: kept } });
      throw e;
    }
    const result = await chainResult(o.client, r, ledger, byTag, buckets, { day: o.day, readAtMs, training: o.training, rawPath, fetchedAt });
    lap('details');
    result.phasesMs = phasesMs;
    await o.client.query('COMMIT');
    return result;
  } catch (e) {
    await o.client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

function tagMap(tills: ChainTill[]): Map<string, ChainTill[]> {
  const m = new Map<string, ChainTill[]>();
  for (const t of tills) {
    const tag = tillTag(configuredId(t.tillId));
    m.set(tag, [...(m.get(tag) ?? []), t]);
  }
  return m;
}

type Owner = { till: ChainTill | null; by: 'record' | 'number' | null; tag: string | null; ambiguous: boolean };

function ownerOf(ledger: HqLedger, byTag: Map<string, ChainTill[]>, outTradeNo: string, outRefundNo: string | null): Owner {
  if (ledger.ambiguity(outTradeNo)) return { till: null, by: null, tag: null, ambiguous: true };
  const held = ledger.holderOf(outTradeNo, outRefundNo);
  if (held) return { till: held, by: 'record', tag: null, ambiguous: false };
  const tag = tagOf(outTradeNo);
  const tagged = tag === null ? undefined : byTag.get(tag);
  if (tagged?.length === 1) return { till: tagged[0]!, by: 'number', tag, ambiguous: false };
  return { till: null, by: null, tag, ambiguous: (tagged?.length ?? 0) > 1 };
}

/** The bill's lines, passed through unchanged, each added to its till's tallies on the way. */
function* counted(bill: BillReading, ledger: HqLedger, byTag: Map<string, ChainTill[]>, buckets: Map<string, Bucket>): Generator<BillLine> {
  for (const l of bill.lines) {
    const w = ownerOf(ledger, byTag, l.outTradeNo, l.outRefundNo);
    const key = w.till ? `till:${w.till.tillId}` : w.ambiguous ? 'ambiguous' : w.tag !== null ? `tag:${w.tag}` : 'none';
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = bucket()));
    add(l.kind === 'payment' ? b.payments : b.refunds, l.amountFen);
    b.receivedFen += l.receivedFen;
    b.feeMilliFen += l.feeMilliFen;
    yield l;
  }
  return undefined;
}

async function chainResult(
  client: pg.ClientBase, r: Reconciliation, ledger: HqLedger, byTag: Map<string, ChainTill[]>, buckets: Map<string, Bucket>,
  o: { day: string; readAtMs: number; training: boolean; rawPath: string; fetchedAt: number },
): Promise<ChainReconciliation> {
  const ambiguous = { payments: tally(), refunds: tally() };
  const named = new Set<string>();
  const differences: ChainDifference[] = [];
  for (const d of r.differences) {
    const candidates = ledger.ambiguity(d.outTradeNo, d.what === 'refund' ? d.outRefundNo : null);
    if (candidates) {
      named.add(d.what === 'payment' ? d.outTradeNo : refundKey(d.outTradeNo, d.outRefundNo ?? ''));
      if (d.kind === 'in-bill-not-in-till') {
        // The matcher found no single record and counted it bill-only; it is neither matched nor bill-only.
        const t = d.what === 'payment' ? r.payments.inBillNotInTill : r.refunds.inBillNotInTill;
        t.count -= 1;
        t.amountFen -= d.billAmountFen ?? 0;
        add(d.what === 'payment' ? ambiguous.payments : ambiguous.refunds, d.billAmountFen ?? 0);
        differences.push({ ...d, kind: 'ambiguous', tillState: null, tillAmountFen: null, storeId: null, tillId: null, attributedBy: null, candidates, tillUnsynced: false });
        continue;
      }
      differences.push({ ...d, storeId: null, tillId: null, attributedBy: null, candidates, tillUnsynced: false });
      continue;
    }
    const w = ownerOf(ledger, byTag, d.outTradeNo, d.what === 'refund' ? d.outRefundNo : null);
    differences.push({ ...d, storeId: w.till?.storeId ?? null, tillId: w.till?.tillId ?? null, attributedBy: w.by, candidates: [], tillUnsynced: false });
  }
  // A number several tills hold that the bill does not name: each till's paid record of it is chain-only, and plainly its own.
  const chainOnly = (what: 'payment' | 'refund', no: string, req: string | null, list: Candidate[]) => {
    for (const c of list) {
      if (c.state !== 'SUCCESS' || !c.onBillDay || !c.inWindow) continue;
      add(what === 'payment' ? r.payments.inTillNotInBill : r.refunds.inTillNotInBill, c.amountFen);
      differences.push({
        kind: 'in-till-not-in-bill', what, outTradeNo: no, outRefundNo: req, tradeNo: null, billAmountFen: null, tillAmountFen: c.amountFen, tillState: c.state, fileLine: null, finishedAt: null,
        storeId: c.storeId, tillId: c.tillId, attributedBy: 'record', candidates: [], tillUnsynced: false,
      });
    }
  };
  for (const [no, list] of ledger.ambiguousPayments()) if (!named.has(no)) chainOnly('payment', no, null, list);
  for (const [key, list] of ledger.ambiguousRefunds()) {
    if (named.has(key)) continue;
    const [no, req] = key.split('\u0000') as [string, string];
    chainOnly('refund', no, req, list);
  }
  await addDetails(client, differences);

  // Which tills are not synced up to the end of the day (or up to a little before now, for today).
  const dayEndMs = Date.parse(`${neighbourDays(o.day)[2]}T00:00:00+08:00`);
  const cutoffMs = Math.min(dayEndMs, o.readAtMs - SYNC_GRACE_MS);
  const laterInBill = new Map<string, number>();
  for (const d of differences) {
    if (d.kind !== 'in-bill-not-in-till' || !d.tillId) continue;
    const t = ledger.tills.find((x) => x.tillId === d.tillId)!;
    // The bill's time is to the second: a line paid in the second of the last contact counts as after it.
    if (beijingMs(d.finishedAt) + 999 >= t.lastContactAtMs) laterInBill.set(t.tillId, (laterInBill.get(t.tillId) ?? 0) + 1);
  }
  const tills: ChainTillSummary[] = ledger.tills.map((t) => {
    const b = buckets.get(`till:${t.tillId}`) ?? bucket();
    const later = laterInBill.get(t.tillId) ?? 0;
    const stamp = new Date(t.lastContactAtMs).toISOString();
    const [why, whyZh] = t.lastContactAtMs === 0
      ? ['head office has no contact with it on record', '总部没有该收银台的同步记录']
      : t.waiting > 0
        ? [`${t.waiting} event(s) were still waiting on the till at its last contact (${stamp})`, `最近一次同步（${stamp}）时仍有 ${t.waiting} 条记录未上传`]
        : later > 0
          ? [`the bill has ${later} line(s) of it paid after its last contact (${stamp}) that head office does not hold`, `账单中有 ${later} 笔在其最近一次同步（${stamp}）之后完成、总部尚无记录`]
          : t.lastContactAtMs < cutoffMs
            ? [`last heard from at ${stamp}, before ${new Date(cutoffMs).toISOString()}: anything it took after that is not at head office`, `最近一次同步为 ${stamp}，早于 ${new Date(cutoffMs).toISOString()}，此后的收款总部尚未收到`]
            : [null, null];
    return {
      tillId: t.tillId, storeId: t.storeId, lastContactAtMs: t.lastContactAtMs, waiting: t.waiting, synced: why === null, why, whyZh,
      bill: share(b),
      till: { payments: tally(), refunds: tally() },
      differences: 0,
    };
  });
  const summary = new Map(tills.map((t) => [t.tillId, t]));
  for (const d of differences) {
    const t = d.tillId ? summary.get(d.tillId) : undefined;
    if (!t) continue;
    t.differences += 1;
    d.tillUnsynced = !t.synced;
  }
  for (const t of tills) t.till = tillSide(t.bill, differences.filter((d) => d.tillId === t.tillId));
  const unknownTags = [...buckets].filter(([k]) => k.startsWith('tag:')).map(([k, b]) => ({ tag: k.slice(4), ...share(b) }));
  const { differences: _d, ...rest } = r;
  return {
    ...rest,
    training: o.training,
    rawPath: o.rawPath,
    fetchedAt: o.fetchedAt,
    readAtMs: o.readAtMs,
    phasesMs: { load: 0, match: 0, again: 0, details: 0 },
    ambiguous,
    tills,
    unsynced: tills.filter((t) => !t.synced),
    unknownTags,
    unattributed: share(buckets.get('none') ?? bucket()),
    ambiguousLines: share(buckets.get('ambiguous') ?? bucket()),
    tagClashes: [...byTag].filter(([, ts]) => ts.length > 1).map(([tag, ts]) => ({ tag, tillIds: ts.map((t) => t.tillId) })),
    differences,
  };
}

/** The provider's trade number and payment time of the chain records that differ, read for those few only. */
async function addDetails(client: pg.ClientBase, differences: ChainDifference[]): Promise<void> {
  const wanted = differences.filter((d) => d.tillId && d.attributedBy === 'record' && d.what === 'payment' && (d.tradeNo === null || d.finishedAt === null));
  if (wanted.length === 0) return;
  const got = await client.query<{ till_id: string; out_trade_no: string; trade_no: string | null; paid_at: string | null }>(
    `SELECT a.till_id, a.out_trade_no, a.trade_no, a.paid_at FROM attempts a JOIN unnest($1::text[], $2::text[]) AS w(till_id, out_trade_no) USING (till_id, out_trade_no)`,
    [wanted.map((d) => d.tillId!), wanted.map((d) => d.outTradeNo)],
  );
  const by = new Map(got.rows.map((x) => [`${x.till_id}\u0000${x.out_trade_no}`, x]));
  for (const d of wanted) {
    const x = by.get(`${d.tillId}\u0000${d.outTradeNo}`);
    if (!x) continue;
    d.tradeNo ??= x.trade_no;
    d.finishedAt ??= x.paid_at;
  }
}
