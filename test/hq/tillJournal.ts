// Payments written into a real SQLite journal the way Checkout writes them (attempt, then each
// transition, refunds, a day close), fast enough for hundreds per test. The gateway round trips
// are not the subject of the head-office tests; the journal rows and events are.
import { join } from 'node:path';
import { shanghaiDateTime } from '../../app/common/time.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import type { DayReport } from '../../app/journal/JournalStore.ts';
import type { HqConfig } from '../../app/hq/hqConfig.ts';

export const DAY_START = Date.parse('2026-11-22T10:00:00+08:00');

export type PaymentMix = { refundEvery?: number; declineEvery?: number; leaveLastUnknown?: boolean };

let counter = 0;

/** `n` payments from `startAt` on, one a minute of till time; mostly paid, some declined, some partly refunded. */
export function takePayments(journal: SqliteJournal, tillTag: string, n: number, o: PaymentMix & { startAt?: number; training?: boolean } = {}): void {
  const start = o.startAt ?? DAY_START;
  const training = o.training ?? false;
  for (let i = 0; i < n; i++) {
    const at = start + i * 60_000;
    const outTradeNo = `${tillTag.replace(/[^A-Za-z0-9]/g, '')}_${Date.now().toString(36)}_${(counter++).toString(36)}`;
    journal.createAttempt({ outTradeNo, provider: i % 4 === 3 ? 'wechat' : 'alipay', amountFen: 100 + (i % 97) * 13, subject: 'test', codeHash: journal.hashCode(String(i)), codeLast4: String(1000 + (i % 9000)).slice(-4), training, createdAt: at }, { sending: true });
    const last = i === n - 1;
    if (last && o.leaveLastUnknown) {
      journal.recordTransition(outTradeNo, 'SENT', { type: 'outcome-unknown' }, {}, at + 1000);
      journal.recordTransition(outTradeNo, 'QUERYING', { type: 'unresolved' }, {}, at + 2000);
      continue;
    }
    if (o.declineEvery && i % o.declineEvery === o.declineEvery - 1) {
      journal.recordTransition(outTradeNo, 'SENT', { type: 'declined' }, { errorCode: 'ACQ.PAYMENT_AUTH_CODE_INVALID', errorMessage: 'code invalid' }, at + 500);
      continue;
    }
    if (i % 3 === 1) journal.recordTransition(outTradeNo, 'SENT', { type: 'waiting' }, {}, at + 300);
    journal.recordTransition(outTradeNo, i % 3 === 1 ? 'WAITING' : 'SENT', { type: 'paid' }, { tradeNo: `2026${i}`, paidAt: shanghaiDateTime(at + 900) }, at + 900);
    if (o.refundEvery && i % o.refundEvery === 0) {
      const r = journal.createRefund({ outRequestNo: (k) => `${outTradeNo}_R${k}`, outTradeNo, amountFen: 50, createdAt: at + 5000 });
      journal.updateRefund(r.outRequestNo, 'SUCCESS', {}, at + 6000);
    }
  }
}

export function openJournal(dir: string, name = 'journal.db'): { journal: SqliteJournal; path: string } {
  const path = join(dir, name);
  return { journal: new SqliteJournal(path), path };
}

export function hqConfigFor(url: string, tillId: string, o: Partial<HqConfig> = {}): HqConfig {
  return { postgres: url, passwordFile: undefined, tillId, storeId: tillId.split('-')[0]!, batchSize: 100, pollIntervalMs: 50, maxBackoffMs: 1000, ...o };
}

/** The tills' own reports summed: what head office must show. */
export function sumReports(reports: DayReport[]): { paidCount: number; paidFen: number; refundCount: number; refundFen: number; netFen: number; unresolved: number } {
  return reports.reduce((s, r) => ({
    paidCount: s.paidCount + r.paid.count,
    paidFen: s.paidFen + r.paid.amountFen,
    refundCount: s.refundCount + r.refunds.count,
    refundFen: s.refundFen + r.refunds.amountFen,
    netFen: s.netFen + r.netFen,
    unresolved: s.unresolved + r.unresolved,
  }), { paidCount: 0, paidFen: 0, refundCount: 0, refundFen: 0, netFen: 0, unresolved: 0 });
}
