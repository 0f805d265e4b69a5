// Journals for the head-office bench, written through SqliteJournal itself (the till's own rows
// and events) on tmpfs, where its per-write fsync costs next to nothing: the bench measures the
// sync, not how fast this machine's disk can fsync 700,000 journal writes.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { shanghaiDateTime } from '../../app/common/time.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';

/** `n` payments, mostly paid, every 10th partly refunded, every 13th declined; returns the events written. */
export function fillJournal(path: string, n: number, startAt: number, tag = 'B'): number {
  const j = new SqliteJournal(path);
  for (let i = 0; i < n; i++) {
    const at = startAt + i * 1000;
    const no = `${tag}${String(i).padStart(8, '0')}`;
    j.createAttempt({ outTradeNo: no, provider: i % 3 === 2 ? 'wechat' : 'alipay', amountFen: 100 + (i % 500), subject: 'bench', codeHash: 'x', codeLast4: '0000', training: false, createdAt: at }, { sending: true });
    if (i % 13 === 12) {
      j.recordTransition(no, 'SENT', { type: 'declined' }, { errorCode: 'ACQ.PAYMENT_AUTH_CODE_INVALID' }, at + 300);
      continue;
    }
    j.recordTransition(no, 'SENT', { type: 'paid' }, { tradeNo: `T${i}`, paidAt: shanghaiDateTime(at + 400) }, at + 400);
    if (i % 10 === 0) {
      const r = j.createRefund({ outRequestNo: `${no}_R1`, outTradeNo: no, amountFen: 50, createdAt: at + 600 });
      j.updateRefund(r.outRequestNo, 'SUCCESS', {}, at + 700);
    }
  }
  j.close();
  const db = new Database(path, { readonly: true });
  const events = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  db.close();
  return events;
}

/** A copy of `template` that head office sees as a journal of its own. */
export function copyJournal(template: string, dir: string, name: string): string {
  const path = join(dir, name);
  copyFileSync(template, path);
  const db = new Database(path);
  db.prepare('UPDATE hq_outbox SET journal_id = lower(hex(randomblob(16))), acked_seq = 0').run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}
