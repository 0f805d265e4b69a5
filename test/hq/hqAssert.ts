// The check after every head-office fault test: head office's totals equal the sum of the tills'
// own reports, and its event log holds each till's journal events exactly once, event for event
// (refused rows aside, which are listed instead).
import Database from 'better-sqlite3';
import type pg from 'pg';
import { expect } from 'vitest';
import { hqReport } from '../../app/hq/hqReport.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { sumReports } from './tillJournal.ts';

export type TillUnderTest = { tillId: string; path: string };

export async function expectHqMatchesTills(client: pg.ClientBase, tills: TillUnderTest[], day: string, o: { training?: boolean; storeId?: string } = {}): Promise<void> {
  const training = o.training ?? false;
  const reports = tills.map((t) => {
    const j = new SqliteJournal(t.path);
    try {
      return j.report(day, training);
    } finally {
      j.close();
    }
  });
  const hq = await hqReport(client, { day, training, storeId: o.storeId });
  const want = sumReports(reports);
  expect(hq.totals).toEqual({ paidCount: want.paidCount, paidFen: want.paidFen, refundCount: want.refundCount, refundFen: want.refundFen, netFen: want.netFen });
  // The per-state rows, as `pos report` prints them, summed over the tills.
  const rows = new Map<string, { count: number; amountFen: number }>();
  for (const r of reports.flatMap((x) => x.rows)) {
    const k = `${r.provider}/${r.state}`;
    const g = rows.get(k) ?? { count: 0, amountFen: 0 };
    rows.set(k, { count: g.count + r.count, amountFen: g.amountFen + r.amountFen });
  }
  expect(Object.fromEntries(hq.states.map((s) => [`${s.provider}/${s.state}`, { count: s.count, amountFen: s.amountFen }]))).toEqual(Object.fromEntries(rows));
  for (const t of tills) {
    const db = new Database(t.path, { readonly: true });
    const ids = (db.prepare('SELECT id FROM events ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
    const quarantined = new Set((db.prepare('SELECT seq FROM hq_quarantine').all() as Array<{ seq: number }>).map((r) => r.seq));
    db.close();
    const got = await client.query<{ seq: string }>('SELECT seq FROM events WHERE till_id = $1 ORDER BY seq', [t.tillId]);
    expect(got.rows.map((r) => Number(r.seq))).toEqual(ids.filter((id) => !quarantined.has(id)));
    const refused = await client.query<{ seq: string }>('SELECT seq FROM refused_events WHERE till_id = $1 ORDER BY seq', [t.tillId]);
    expect(refused.rows.map((r) => Number(r.seq))).toEqual([...quarantined].sort((a, b) => a - b));
  }
}
