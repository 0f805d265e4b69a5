// A journal written by the first released schema (test/fixtures/journal/v1-journal.db, made by the
// till as it was before any migration) opens unchanged under the current code: every record
// readable, the schema brought up to date, nothing rewritten.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { SCHEMA_VERSION } from '../../app/journal/schema.ts';
import { tempDir } from '../helpers/tempDir.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/journal/v1-journal.db');

function copyOfV1(): string {
  const path = join(tempDir(), 'journal.db');
  copyFileSync(FIXTURE, path);
  return path;
}

describe('a journal file from schema 1', () => {
  it('opens, is upgraded to the current schema, and keeps every attempt, refund and event', () => {
    const path = copyOfV1();
    const before = new Database(path, { readonly: true });
    const eventsBefore = before.prepare('SELECT id, at, out_trade_no, type, data FROM events ORDER BY id').all();
    const secretBefore = (before.prepare("SELECT value FROM meta WHERE key = 'code_hash_secret'").get() as { value: string }).value;
    before.close();

    const j = new SqliteJournal(path);
    const paid = j.getAttempt('TR20261130100000000001')!;
    expect(paid.state).toBe('SUCCESS');
    expect(paid.amountFen).toBe(1234);
    expect(paid.tradeNo).toBe('2026113022001400000001');
    expect(j.refundsFor(paid.outTradeNo).map((r) => [r.amountFen, r.state])).toEqual([[234, 'SUCCESS']]);
    expect(j.getAttempt('TR20261130100500000002')!.state).toBe('FAILED');
    expect(j.unresolvedAttempts().map((a) => a.outTradeNo)).toEqual(['TR20261130101000000003']);
    expect(j.hashCode('287634438256643900')).toBe(paid.codeHash);
    // Schema 2 (leases, business periods): settled rows are booked into a period, the open one is not.
    expect(paid).toMatchObject({ period: 1, leaseOwner: null, cancelReason: null });
    expect(j.getAttempt('TR20261130101000000003')!.period).toBeNull();
    expect(j.refundsFor(paid.outTradeNo)[0]!.period).toBe(1);
    j.close();

    const after = new Database(path, { readonly: true });
    expect(Number((after.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value)).toBe(SCHEMA_VERSION);
    expect(after.prepare('SELECT id, at, out_trade_no, type, data FROM events ORDER BY id').all().slice(0, eventsBefore.length)).toEqual(eventsBefore);
    expect((after.prepare("SELECT value FROM meta WHERE key = 'code_hash_secret'").get() as { value: string } | undefined)?.value ?? secretBefore).toBe(secretBefore);
    after.close();
  });

  it('opens a second time without re-running any step', () => {
    const path = copyOfV1();
    new SqliteJournal(path).close();
    const j = new SqliteJournal(path);
    expect(j.getAttempt('TR20261130100000000001')!.state).toBe('SUCCESS');
    j.close();
  });
});
