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




});
