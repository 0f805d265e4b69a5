// The HQ report by cashier (issue 12) groups by the cashier journaled with each attempt: payments
// written with cashier C1 / C2 / none reach head office over the outbox and come back by cashier;
// refunds come back under the cashier who made them (schema 4), and net is each one's takings less those.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDateTime } from '../../app/common/time.ts';
import { hqSchemaVersion, migrateHq } from '../../app/hq/hqMigrations.ts';
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

  it('refunds and net by the cashier who made the refund, from schema 3: step 4 gives refunds already synced their cashier', async () => {
    await cluster.createDatabase('ho_cashier_refunds');
    const client = await cluster.client('ho_cashier_refunds');
    const dir = mkdtempSync(`${tmpdir()}/till-hq-cashier-refunds-`);
    try {
      await migrateHq(client, 3);
      const { journal, path } = openJournal(dir);
      const sales: Array<[string, number]> = [['C1', 1000], ['C1', 500], ['C2', 300]];
      sales.forEach(([cashier, amountFen], i) => {
        const at = DAY_START + i * 60_000;
        journal.createAttempt({ outTradeNo: `TRCR${i}`, provider: 'alipay', amountFen, subject: 's', codeHash: journal.hashCode(String(i)), codeLast4: '0000', training: false, createdAt: at, cashier }, { sending: true });
        journal.recordTransition(`TRCR${i}`, 'SENT', { type: 'paid' }, { tradeNo: `2026${i}`, paidAt: shanghaiDateTime(at + 900) }, at + 900);
      });
      // C1's sale refunded in part by C2, C2's own in part by C2, and one of C1's by nobody signed in.
      const refunds: Array<[string, number, string | undefined]> = [['TRCR0', 400, 'C2'], ['TRCR2', 100, 'C2'], ['TRCR1', 50, undefined]];
      refunds.forEach(([outTradeNo, amountFen, cashier], i) => {
        const at = DAY_START + 3600_000 + i * 60_000;
        const r = journal.createRefund({ outRequestNo: (k) => `${outTradeNo}_R${k}`, outTradeNo, amountFen, createdAt: at, ...(cashier ? { cashier } : {}) });
        journal.updateRefund(r.outRequestNo, 'SUCCESS', {}, at + 1000);
      });
      journal.close();
      const outbox = new TillOutbox(path);
      // Synced into schema 3 (the ingest needs 2): the refund rows carry their cashier in the snapshot only.
      await pushBatch(client, { tillId: 'S01-T01', storeId: 'S01', journalId: outbox.journalId() }, { ...outbox.readBatch(0, 10_000), waitingAfter: 0, tillNowMs: Date.now() });
      outbox.close();
      // The report refuses a head office that cannot say who refunded, rather than guess.
      await expect(hqReport(client, { day: '2026-11-22' })).rejects.toMatchObject({ code: 'INVALID_CONFIG', detailZh: expect.stringContaining('pos hq migrate') });
      expect(await migrateHq(client)).toEqual({ from: 3, to: 4, applied: [4] });
      expect(await hqSchemaVersion(client)).toBe(4);
      const r = await hqReport(client, { day: '2026-11-22' });
      const by = Object.fromEntries(r.byCashier.map((c) => [c.cashier ?? '(none)', [c.paidCount, c.paidFen, c.refundCount, c.refundFen, c.netFen]]));
      expect(by).toEqual({ C1: [2, 1500, 0, 0, 1500], C2: [1, 300, 2, 500, -200], '(none)': [0, 0, 1, 50, -50] });
      expect(r.totals).toMatchObject({ paidFen: 1800, refundFen: 550, netFen: 1250 });
      // The till and head office agree: the by-till totals are unchanged by the regrouping.
      expect(r.byTill).toEqual([expect.objectContaining({ tillId: 'S01-T01', paidCount: 3, paidFen: 1800, refundCount: 3, refundFen: 550, netFen: 1250 })]);
    } finally {
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
