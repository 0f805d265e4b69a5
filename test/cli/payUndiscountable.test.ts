// `pos pay --undiscountable` and `--operator` in real processes (issue 12): the parts and the
// cashier reach the training gateway and the journal; a bad part is refused with exit 2 and
// nothing sent; without --operator the cashier signed in on screen (the data folder) is used;
// the receipt prints the part and the cashier.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { CashierOnDuty } from '../../app/shift/CashierOnDuty.ts';
import { pos, startPos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

let dir: string;
let sim: TrainingGateway;

function config(extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'till.json');
  writeFileSync(path, JSON.stringify({ dataDir: 'data', alipay: { gateway: sim.url, storeId: 'NJ001', terminalId: 'POS-07' }, payment: { waitSeconds: 5, requestTimeoutMs: 3000 }, ...extra }));
  return path;
}

beforeEach(async () => {
  dir = tempDir('till-parts-cli-');
  sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db') });
});
afterEach(async () => sim.close());

const payBiz = (outTradeNo: unknown) => sim.requests().find((r) => r.method === 'alipay.trade.pay' && r.outTradeNo === outTradeNo)?.biz;

describe('pos pay --undiscountable / --operator', () => {
  it('sends the parts and the cashier, journals them, prints them in --json and on the receipt', async () => {
    const c = config();
    const r = await pos(['pay', '--config', c, '--json', '--amount', '12.00', '--code', code('13'), '--undiscountable', '10.00', '--operator', 'C007']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', amount: '12.00', undiscountable: '10.00', cashier: 'C007' });
    expect(payBiz(r.json!.outTradeNo)).toMatchObject({ undiscountable_amount: '10.00', discountable_amount: '2.00', operator_id: 'C007', store_id: 'NJ001', terminal_id: 'POS-07' });
    const journal = new SqliteJournal(join(dir, 'data', 'journal-training.db'));
    try {
      expect(journal.getAttempt(String(r.json!.outTradeNo))).toMatchObject({ undiscountableFen: 1000, cashier: 'C007' });
    } finally {
      journal.close();
    }
    const receipt = await pos(['receipt', '--config', c, '--out-trade-no', String(r.json!.outTradeNo), '--format', 'text']);
    expect(receipt.code).toBe(0);
    expect(receipt.stdout).toMatch(/不参与优惠\s+[¥￥]10\.00/);
    expect(receipt.stdout).toMatch(/收银员\s+C007/);
  });

  it('refuses a part above the total or not in whole fen with exit 2, in both languages, and sends nothing', async () => {
    const c = config();
    for (const bad of ['12.01', '1.005']) {
      const r = await pos(['pay', '--config', c, '--json', '--amount', '12.00', '--code', code('00'), '--undiscountable', bad]);
      expect(r.code).toBe(2);
      expect(r.json).toMatchObject({ error: { code: 'INVALID_AMOUNT' } });
      expect(String((r.json!.error as { messageZh: string }).messageZh)).toContain('不参与优惠金额');
    }
    const op = await pos(['pay', '--config', c, '--json', '--amount', '12.00', '--code', code('00'), '--operator', 'bad id']);
    expect(op.code).toBe(2);
    expect(sim.requests().filter((x) => x.method === 'alipay.trade.pay')).toEqual([]);
  });

  it('without --operator takes the cashier signed in on screen; a till that asks for a cashier refuses without one', async () => {
    const c = config({ cashiers: { list: [{ id: '001', name: '张三' }] } });
    const none = await pos(['pay', '--config', c, '--json', '--amount', '3.00', '--code', code('00')]);
    expect(none.code).toBe(2);
    expect(none.json).toMatchObject({ error: { code: 'CASHIER_REQUIRED' } });
    mkdirSync(join(dir, 'data'), { recursive: true });
    new CashierOnDuty(join(dir, 'data'), { ask: true, list: [{ id: '001', name: '张三' }] }).signIn('001', Date.now());
    const r = await pos(['pay', '--config', c, '--json', '--amount', '3.00', '--code', code('00')]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ cashier: '001' });
    expect(payBiz(r.json!.outTradeNo)).toMatchObject({ operator_id: '001' });
    // `pos report --kind Z` ends the shift as the F5 screen's Z does: signed out.
    const z = await pos(['report', '--config', c, '--kind', 'Z', '--format', 'text']);
    expect(z.code).toBe(0);
    expect(new CashierOnDuty(join(dir, 'data'), { ask: true, list: [{ id: '001', name: '张三' }] }).current()).toBeNull();
  });
});

describe('pos pay --qr --undiscountable / --operator', () => {
  it('the QR sale carries the part and the cashier to precreate, and journals them', async () => {
    const c = config();
    const p = startPos(['pay', '--qr', '--config', c, '--json', '--amount', '30.00', '--undiscountable', '8.50', '--operator', 'C002']);
    let out = '';
    const event = new Promise<Record<string, unknown>>((resolve) => {
      p.child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.includes('"event":"qr"'));
        if (line) resolve(JSON.parse(line) as Record<string, unknown>);
      });
    });
    const e = await event;
    const no = String(e.outTradeNo);
    expect(sim.requests().find((r) => r.method === 'alipay.trade.precreate' && r.outTradeNo === no)?.biz).toMatchObject({
      total_amount: '30.00', undiscountable_amount: '8.50', discountable_amount: '21.50', operator_id: 'C002', store_id: 'NJ001', terminal_id: 'POS-07',
    });
    sim.simulateQrScan(no);
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', undiscountable: '8.50', cashier: 'C002' });
  });
});
