// Issue 10 item 7, as a thief who copies the data folder or a journal file would look at it: the
// folder is 0700 and the journal 0600, and the secret that keys the code hashes is not in the
// journal (it was in its meta table) but under keys/, sealed in the desktop app.
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ensureDataDir } from '../../app/config/dataDir.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { codeHashSecretFile } from '../../app/settings/codeHashSecret.ts';
import type { SecretBox } from '../../app/settings/SecretBox.ts';
import { tempDir } from '../helpers/tempDir.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/journal/v1-journal.db');
const mode = (p: string) => statSync(p).mode & 0o777;
/** Every byte SQLite keeps of a journal: the file and its WAL. */
const bytesOf = (path: string) => Buffer.concat([path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f))).toString('latin1');
const metaSecret = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT value FROM meta WHERE key = 'code_hash_secret'").get() as { value: string } | undefined)?.value;
  } finally {
    db.close();
  }
};

describe('data at rest', () => {
  it('keeps the data folder 0700 and the journal files 0600', () => {
    const dir = join(tempDir(), 'data');
    ensureDataDir(dir);
    expect(mode(dir)).toBe(0o700);
    const j = new SqliteJournal(join(dir, 'journal.db'));
    j.createAttempt({ outTradeNo: 'T1', provider: 'alipay', amountFen: 100, subject: 's', codeHash: j.hashCode('287654321012345600'), codeLast4: '5600', training: true, createdAt: Date.now() });
    for (const f of readdirSync(dir).filter((f) => f.startsWith('journal.db'))) expect(mode(join(dir, f)), f).toBe(0o600);
    expect(mode(join(dir, 'keys'))).toBe(0o700);
    j.close();
  });

  it('keeps the code-hash secret out of a new journal, under keys/ (0600)', () => {
    const dir = tempDir();
    const path = join(dir, 'journal.db');
    const j = new SqliteJournal(path);
    const hash = j.hashCode('287654321012345600');
    j.close();
    expect(metaSecret(path)).toBeUndefined();
    const kept = join(dir, 'keys', 'journal.db.code-hash.file-permissions');
    expect(mode(kept)).toBe(0o600);
    const secret = readFileSync(kept, 'utf8').trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(bytesOf(path)).not.toContain(secret);
    // The same secret again on the next opening: the hashes still match.
    const again = new SqliteJournal(path);
    expect(again.hashCode('287654321012345600')).toBe(hash);
    again.close();
  });

  it('moves the secret of a schema-1 journal out of its file once, and its hashes still match', () => {
    const dir = tempDir();
    const path = join(dir, 'journal.db');
    copyFileSync(FIXTURE, path);
    const old = metaSecret(path)!;
    expect(bytesOf(path)).toContain(old);
    const j = new SqliteJournal(path);
    const paid = j.getAttempt('TR20261130100000000001')!;
    expect(j.hashCode('287634438256643900')).toBe(paid.codeHash);
    j.close();
    expect(metaSecret(path)).toBeUndefined();
    // Erased, not just unlinked from the table: the bytes are gone from the file and its WAL.
    expect(bytesOf(path)).not.toContain(old);
    expect(readFileSync(join(dir, 'keys', 'journal.db.code-hash.file-permissions'), 'utf8').trim()).toBe(old);
    const again = new SqliteJournal(path);
    expect(again.hashCode('287634438256643900')).toBe(paid.codeHash);
    again.close();
  });

  it('seals the secret with the desktop app\'s box, and a reader without that box refuses rather than guess', () => {
    const dir = tempDir();
    const path = join(dir, 'journal.db');
    const box: SecretBox = { kind: 'os-keychain', seal: (p) => Buffer.from(`v10${Buffer.from(p).reverse().toString('base64')}`), open: (b) => Buffer.from(b.toString().slice(3), 'base64').reverse().toString() };
    const j = new SqliteJournal(path, { codeHashSecret: codeHashSecretFile(path, box) });
    const hash = j.hashCode('287654321012345600');
    j.close();
    const sealed = readFileSync(join(dir, 'keys', 'journal.db.code-hash.os-keychain'), 'latin1');
    expect(sealed.startsWith('v10')).toBe(true);
    expect(sealed).not.toMatch(/[0-9a-f]{64}/);
    const reopened = new SqliteJournal(path, { codeHashSecret: codeHashSecretFile(path, box) });
    expect(reopened.hashCode('287654321012345600')).toBe(hash);
    reopened.close();
    expect(() => new SqliteJournal(path)).toThrow(/sealed by the OS keychain/);
  });
});
