import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { describeJournalContract } from './journal.contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'journal-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeJournalContract('SqliteJournal on a file (WAL, synchronous FULL)', () => new SqliteJournal(join(dir, `journal-${n++}.db`)));
describeJournalContract('SqliteJournal in memory', () => new SqliteJournal(':memory:'));
