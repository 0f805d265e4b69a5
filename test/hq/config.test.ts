// The `till` and `hq` config sections, the password's sources, and the backoff schedule.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../app/config/config.ts';
import { backoffMs } from '../../app/hq/backoff.ts';
import { redactUrl } from '../../app/hq/hqConfig.ts';
import { hqPassword } from '../../app/hq/hqConnection.ts';

const parse = (raw: unknown) => parseConfig(raw, '/shop', 'till.json');

describe('the till and hq sections', () => {
  it('no hq section: no sync, nothing else changes', () => {
    const c = parse({});
    expect(c.hq).toBeUndefined();
    expect(c.till).toEqual({ id: undefined, storeId: undefined });
  });

  it('reads the till id and its store (from the id before the first "-", or given)', () => {
    const c = parse({ till: { id: 'S01-T01' }, hq: { postgres: 'postgres://till@hq.example:5432/chain', passwordFile: 'secrets/hq.pw' } });
    expect(c.hq).toEqual({ postgres: 'postgres://till@hq.example:5432/chain', passwordFile: '/shop/secrets/hq.pw', tillId: 'S01-T01', storeId: 'S01', batchSize: 1000, pollIntervalMs: 2000, maxBackoffMs: 60_000 });
    expect(parse({ till: { id: 'T7', storeId: 'north' }, hq: { postgres: 'postgresql://h/db' } }).hq).toMatchObject({ tillId: 'T7', storeId: 'north' });
    expect(parse({ hq: { postgres: 'postgres://h/db', tillId: 'S02-T01' } }).till).toEqual({ id: 'S02-T01', storeId: 'S02' });
  });

  it('refuses a password in the URL without repeating it, a missing till id, and disagreeing ids', () => {
    let msg = '';
    try {
      parse({ till: { id: 'S01-T01' }, hq: { postgres: 'postgres://till:hunter2@hq/chain' } });
    } catch (e) {
      msg = JSON.stringify((e as { toData(): unknown }).toData());
    }
    expect(msg).toMatch(/passwordFile/);
    expect(msg).not.toContain('hunter2');
    expect(() => parse({ hq: { postgres: 'postgres://hq/chain' } })).toThrow(/till\.id/);
    expect(() => parse({ till: { id: 'T1' }, hq: { postgres: 'postgres://hq/chain' } })).toThrow(/storeId/);
    expect(() => parse({ till: { id: 'S01-T01' }, hq: { postgres: 'postgres://hq/chain', tillId: 'S01-T02' } })).toThrow(/disagree/);
    expect(() => parse({ till: { id: 'S01-T01' }, hq: { postgres: 'mysql://hq/chain' } })).toThrow(/postgres:\/\//);
    expect(() => parse({ till: { id: 'S01 T01' } })).toThrow(/till\.id/);
  });

  it('redacts a password from any URL it prints', () => {
    expect(redactUrl('postgres://u:secret@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});

describe('the head-office password', () => {
  it('comes from the file (first line), else PGPASSWORD, else none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'till-pw-'));
    try {
      writeFileSync(join(dir, 'pw'), 's3cret\nignored\n');
      expect(hqPassword({ postgres: 'postgres://h/db', passwordFile: join(dir, 'pw') }, { PGPASSWORD: 'env' })).toBe('s3cret');
      expect(hqPassword({ postgres: 'postgres://h/db' }, { PGPASSWORD: 'env' })).toBe('env');
      expect(hqPassword({ postgres: 'postgres://h/db' }, {})).toBeUndefined();
      expect(() => hqPassword({ postgres: 'postgres://h/db', passwordFile: join(dir, 'missing') })).toThrow(/ENOENT/);
      writeFileSync(join(dir, 'empty'), '');
      expect(() => hqPassword({ postgres: 'postgres://h/db', passwordFile: join(dir, 'empty') })).toThrow(/empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('backoff while head office is away', () => {
  it('doubles from 1 s up to the ceiling, half of it jittered', () => {
    const low = (n: number) => backoffMs(n, { maxMs: 60_000 }, () => 0);
    const high = (n: number) => backoffMs(n, { maxMs: 60_000 }, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(high)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect([1, 2, 7].map(low)).toEqual([500, 1000, 30000]);
  });
});
