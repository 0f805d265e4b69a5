// `pos refund --operator` in real processes (issue 12): the refund carries the cashier who made
// it as Alipay operator_id (not the configured alipay.operatorId, not the payment's cashier), the
// journal keeps it on the refund, a resend is not asked here; without --operator the cashier signed
// in on screen is used; the X report then counts each cashier's payments and refunds.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { CashierOnDuty } from '../../app/shift/CashierOnDuty.ts';
import { pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

let dir: string;
let sim: TrainingGateway;

function config(extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'till.json');
  writeFileSync(path, JSON.stringify({ dataDir: 'data', alipay: { gateway: sim.url, storeId: 'NJ001', terminalId: 'POS-07', operatorId: 'OP-CONFIG' }, payment: { waitSeconds: 5, requestTimeoutMs: 3000 }, ...extra }));
  return path;
}

beforeEach(async () => {
  dir = tempDir('till-refund-operator-');
  sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db') });
});
afterEach(async () => sim.close());

const refundBiz = (outRequestNo: unknown) => sim.requests().find((r) => r.method === 'alipay.trade.refund' && r.biz?.out_request_no === outRequestNo)?.biz;

function journaledRefund(outRequestNo: string) {
  const journal = new SqliteJournal(join(dir, 'data', 'journal-training.db'));
  try {
    const r = journal.unresolvedRefunds();
    expect(r).toEqual([]);
    for (const a of journal.listAttempts({ training: true })) {
      const found = journal.refundsFor(a.outTradeNo).find((x) => x.outRequestNo === outRequestNo);
      if (found) return found;
    }
    return undefined;
  } finally {
    journal.close();
  }
}

describe('pos refund --operator', () => {
  it('sends the refunding cashier as operator_id, journals it on the refund, says it in --json and on the refund receipt', async () => {
    const c = config();
    const paid = await pos(['pay', '--config', c, '--json', '--amount', '12.00', '--code', code('00'), '--operator', 'C001']);
    expect(paid.code).toBe(0);
    const no = String(paid.json!.outTradeNo);
    const r = await pos(['refund', '--config', c, '--json', '--out-trade-no', no, '--amount', '2.00', '--operator', 'M009']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', cashier: 'M009' });
    expect(refundBiz(r.json!.outRequestNo)).toMatchObject({ operator_id: 'M009', store_id: 'NJ001', terminal_id: 'POS-07' });
    expect(journaledRefund(String(r.json!.outRequestNo))).toMatchObject({ cashier: 'M009', state: 'SUCCESS' });
    const receipt = await pos(['receipt', '--config', c, '--out-trade-no', no, '--out-request-no', String(r.json!.outRequestNo), '--format', 'text']);
    expect(receipt.code).toBe(0);
    expect(receipt.stdout).toMatch(/收银员\s+M009/);
  });

  it('a bad --operator is refused with exit 2 and nothing sent', async () => {
    const c = config();
    const paid = await pos(['pay', '--config', c, '--json', '--amount', '5.00', '--code', code('00')]);
    const r = await pos(['refund', '--config', c, '--json', '--out-trade-no', String(paid.json!.outTradeNo), '--amount', '1.00', '--operator', 'bad id']);
    expect(r.code).toBe(2);
    expect(sim.requests().filter((x) => x.method === 'alipay.trade.refund')).toEqual([]);
  });

  it('without --operator: the cashier signed in on screen; nobody signed in: the configured operator, and no cashier journaled', async () => {
    const c = config();
    const paid = await pos(['pay', '--config', c, '--json', '--amount', '9.00', '--code', code('00')]);
    const no = String(paid.json!.outTradeNo);
    const none = await pos(['refund', '--config', c, '--json', '--out-trade-no', no, '--amount', '1.00']);
    expect(none.code).toBe(0);
    expect(none.json!.cashier).toBeUndefined();
    expect(refundBiz(none.json!.outRequestNo)).toMatchObject({ operator_id: 'OP-CONFIG' });
    expect(journaledRefund(String(none.json!.outRequestNo))).toMatchObject({ cashier: null });
    mkdirSync(join(dir, 'data'), { recursive: true });
    new CashierOnDuty(join(dir, 'data'), undefined).signIn('C002', Date.now());
    const r = await pos(['refund', '--config', c, '--json', '--out-trade-no', no, '--amount', '2.00']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ cashier: 'C002' });
    expect(refundBiz(r.json!.outRequestNo)).toMatchObject({ operator_id: 'C002' });
  });

  it('the X report lists each cashier\'s payments and refunds; the configured operator is not the cashier', async () => {
    const c = config({ cashiers: { list: [{ id: 'C001', name: '张三' }, { id: 'C002', name: '李四' }] } });
    const a = await pos(['pay', '--config', c, '--json', '--amount', '10.00', '--code', code('00'), '--operator', 'C001']);
    await pos(['pay', '--config', c, '--json', '--amount', '20.00', '--code', code('00'), '--operator', 'C001']);
    await pos(['pay', '--config', c, '--json', '--amount', '7.00', '--code', code('00'), '--operator', 'C002']);
    const r = await pos(['refund', '--config', c, '--json', '--out-trade-no', String(a.json!.outTradeNo), '--amount', '3.00', '--operator', 'C002']);
    expect(r.code).toBe(0);
    const x = await pos(['report', '--config', c, '--kind', 'X', '--format', 'text']);
    expect(x.code).toBe(0);
    expect(x.stdout).toMatch(/收银员 +2 人（见下表）/);
    expect(x.stdout).not.toContain('OP-CONFIG');
    expect(x.stdout).toMatch(/张三 C001 +2 +￥30\.00/);
    expect(x.stdout).toMatch(/李四 C002 +1 +￥7\.00\n +退款 +1 +-￥3\.00/);
    const json = await pos(['report', '--config', c, '--json']);
    expect(json.json!.cashiers).toEqual([
      { cashier: 'C001', paid: { count: 2, amount: '30.00' }, refunds: { count: 0, amount: '0.00' } },
      { cashier: 'C002', paid: { count: 1, amount: '7.00' }, refunds: { count: 1, amount: '3.00' } },
    ]);
  });
});
