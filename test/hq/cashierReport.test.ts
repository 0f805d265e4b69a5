// The HQ report by cashier (issue 12) groups by the cashier journaled with each attempt: payments
// written with cashier C1 / C2 / none reach head office over the outbox and come back by cashier.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDateTime } from '../../app/common/time.ts';
import { migrateHq } from '../../app/hq/hqMigrations.ts';
import { pushBatch } from '../../app/hq/hqIngest.ts';
import { hqReport } from '../../app/hq/hqReport.ts';
import { TillOutbox } from '../../app/hq/TillOutbox.ts';
import { startPgCluster, type PgCluster } from './pgCluster.ts';
import { DAY_START, openJournal } from './tillJournal.ts';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPgCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

describe('head office by cashier', () => {
  it('byCashier is the journaled cashier of each paid attempt', async () => {
    await cluster.createDatabase('ho_cashier');
    const client = await cluster.client('ho_cashier');
    const dir = mkdtempSync(`${tmpdir()}/till-hq-cashier-`);
    try {
      await migrateHq(client);
      const { journal, path } = openJournal(dir);
      const sales: Array<[string | null, number]> = [['C1', 1000], ['C1', 500], ['C2', 300], [null, 200]];
      sales.forEach(([cashier, amountFen], i) => {
        const at = DAY_START + i * 60_000;
        const no = `TRCASHIER${i}`;
        journal.createAttempt({ outTradeNo: no, provider: 'alipay', amountFen, subject: 's', codeHash: journal.hashCode(String(i)), codeLast4: '0000', training: false, createdAt: at, ...(cashier ? { cashier } : {}) }, { sending: true });
        journal.recordTransition(no, 'SENT', { type: 'paid' }, { tradeNo: `2026${i}`, paidAt: shanghaiDateTime(at + 900) }, at + 900);
      });
      journal.close();
      const outbox = new TillOutbox(path);
      await pushBatch(client, { tillId: 'S01-T01', storeId: 'S01', journalId: outbox.journalId() }, { ...outbox.readBatch(0, 10_000), waitingAfter: 0, tillNowMs: Date.now() });
      outbox.close();
      const r = await hqReport(client, { day: '2026-11-22' });
      const by = Object.fromEntries(r.byCashier.map((c) => [c.cashier ?? '(none)', [c.paidCount, c.paidFen]]));
      expect(by).toEqual({ C1: [2, 1500], C2: [1, 300], '(none)': [1, 200] });
    } finally {
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
