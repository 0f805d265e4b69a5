// The journal on a real SQLite file: durable settings, the one-open-attempt rule across
// connections (two processes of one till), the append-only log, and the day report.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import type { NewAttempt } from '../../app/journal/JournalStore.ts';
import { tempDir } from '../helpers/tempDir.ts';

const T0 = Date.parse('2026-11-22T10:00:00+08:00');

function attempt(n: number, over: Partial<NewAttempt> = {}): NewAttempt {
  return { outTradeNo: `P${n}`, provider: 'alipay', amountFen: 100 * n, subject: 's', codeHash: 'h', codeLast4: '1234', training: false, createdAt: T0 + n, ...over };
}

function settle(j: SqliteJournal, no: string, paid: boolean): void {
  const a = j.recordTransition(no, 'CREATED', { type: 'sent' }, {}, T0);
  j.recordTransition(no, a.state, { type: paid ? 'paid' : 'declined' }, paid ? { tradeNo: `T${no}` } : { errorCode: 'PAYMENT_DECLINED' }, T0);
}

describe('SqliteJournal', () => {
  it('opens in WAL mode with synchronous FULL', () => {
    const path = join(tempDir(), 'j.db');
    const j = new SqliteJournal(path);
    expect(j.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
    j.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a second open attempt, also from another connection to the same file', () => {
    const path = join(tempDir(), 'j.db');
    const a = new SqliteJournal(path);
    const b = new SqliteJournal(path);
    a.createAttempt(attempt(1));
    expect(() => b.createAttempt(attempt(2))).toThrow(/P1 is CREATED/);
    settle(a, 'P1', true);
    expect(b.createAttempt(attempt(2)).state).toBe('CREATED');
    a.close();
    b.close();
  });

  it('keeps what was committed when the process dies (a new connection sees every state change)', () => {
    const path = join(tempDir(), 'j.db');
    const a = new SqliteJournal(path);
    a.createAttempt(attempt(1));
    a.recordTransition('P1', 'CREATED', { type: 'sent' }, {}, T0);
    // no close(): the WAL is not checkpointed, as after a SIGKILL
    const b = new SqliteJournal(path);
    expect(b.unresolvedAttempts().map((x) => [x.outTradeNo, x.state])).toEqual([['P1', 'SENT']]);
    expect(b.events('P1').map((e) => e.type)).toEqual(['created', 'sent']);
    b.close();
    a.close();
  });

  it('refuses an illegal or stale transition and changes nothing', () => {
    const j = new SqliteJournal(join(tempDir(), 'j.db'));
    j.createAttempt(attempt(1));
    expect(() => j.recordTransition('P1', 'CREATED', { type: 'paid' }, {}, T0)).toThrow(/cannot go from CREATED/);
    j.recordTransition('P1', 'CREATED', { type: 'sent' }, {}, T0);
    expect(() => j.recordTransition('P1', 'CREATED', { type: 'sent' }, {}, T0)).toThrow(/changed under us/);
    expect(j.getAttempt('P1')!.state).toBe('SENT');
    expect(j.events('P1')).toHaveLength(2);
    j.close();
  });

  it('keeps the event log append-only', () => {
    const path = join(tempDir(), 'j.db');
    const j = new SqliteJournal(path);
    j.createAttempt(attempt(1));
    j.close();
    const db = new Database(path);
    expect(() => db.prepare('UPDATE events SET type = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    db.close();
  });

  it('never stores the payment code, only a keyed hash and the last four digits', () => {
    const path = join(tempDir(), 'j.db');
    const j = new SqliteJournal(path);
    const codeValue = '287634438256643941';
    const h = j.hashCode(codeValue);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(j.hashCode(codeValue)).toBe(h);
    j.createAttempt(attempt(1, { codeHash: h, codeLast4: codeValue.slice(-4) }));
    j.close();
    const db = new Database(path);
    const dump = JSON.stringify([db.prepare('SELECT * FROM attempts').all(), db.prepare('SELECT * FROM events').all()]);
    expect(dump).not.toContain(codeValue);
    expect(dump).toContain('3941');
    db.close();
    // Another journal has another secret: hashes do not link tills.
    expect(new SqliteJournal(join(tempDir(), 'k.db')).hashCode(codeValue)).not.toBe(h);
  });

  it('reports a day by provider and status, with refunds and net, training kept apart', () => {
    const j = new SqliteJournal(join(tempDir(), 'j.db'));
    j.createAttempt(attempt(1)); settle(j, 'P1', true);          // 1.00 paid
    j.createAttempt(attempt(2)); settle(j, 'P2', false);         // 2.00 failed
    j.createAttempt(attempt(3)); settle(j, 'P3', true);          // 3.00 paid
    j.createAttempt(attempt(4, { training: true })); settle(j, 'P4', true);
    j.createAttempt(attempt(5, { createdAt: T0 + 86_400_000 })); settle(j, 'P5', true); // next day
    j.createRefund({ outRequestNo: 'P3R1', outTradeNo: 'P3', amountFen: 50, createdAt: T0 });
    j.updateRefund('P3R1', 'SUCCESS', {}, T0);
    j.createRefund({ outRequestNo: 'P1R1', outTradeNo: 'P1', amountFen: 10, createdAt: T0 });
    j.updateRefund('P1R1', 'FAILED', { errorCode: 'REFUND_DECLINED' }, T0);
    const r = j.report('2026-11-22', false);
    expect(r.rows).toEqual([
      { provider: 'alipay', state: 'FAILED', count: 1, amountFen: 200 },
      { provider: 'alipay', state: 'SUCCESS', count: 2, amountFen: 400 },
    ]);
    expect(r.paid).toEqual({ count: 2, amountFen: 400 });
    expect(r.refunds).toEqual({ count: 1, amountFen: 50 });
    expect(r.netFen).toBe(350);
    expect(j.report('2026-11-22', true).paid).toEqual({ count: 1, amountFen: 400 });
    expect(j.report('2026-11-23', false).paid).toEqual({ count: 1, amountFen: 500 });
    j.close();
  });

  it('counts unconfirmed refunds as spent when checking what is left', () => {
    const j = new SqliteJournal(join(tempDir(), 'j.db'));
    j.createAttempt(attempt(3)); settle(j, 'P3', true);
    j.createRefund({ outRequestNo: 'A', outTradeNo: 'P3', amountFen: 200, createdAt: T0 });
    j.updateRefund('A', 'UNKNOWN', {}, T0);
    expect(() => j.createRefund({ outRequestNo: 'B', outTradeNo: 'P3', amountFen: 101, createdAt: T0 })).toThrow(/101 fen asked, 100 fen left/);
    j.close();
  });

  it('closes a day once with a Z number in sequence, keeping the totals as they were', () => {
    const j = new SqliteJournal(join(tempDir(), 'j.db'));
    j.createAttempt(attempt(1)); settle(j, 'P1', true);
    const z1 = j.closeDay('2026-11-22', false, T0 + 10);
    expect(z1).toMatchObject({ zNumber: 1, firstClose: true, report: { netFen: 100 } });
    j.createAttempt(attempt(2)); settle(j, 'P2', true); // a late sale the same day
    const again = j.closeDay('2026-11-22', false, T0 + 20);
    expect(again).toMatchObject({ zNumber: 1, firstClose: false, closedAt: T0 + 10, report: { netFen: 100 } });
    expect(j.report('2026-11-22', false).netFen).toBe(300);
    expect(j.closeDay('2026-11-23', false, T0 + 30).zNumber).toBe(2);
    expect(j.closeDay('2026-11-22', true, T0 + 30).zNumber).toBe(1); // training keeps its own sequence
    j.close();
  });
});
