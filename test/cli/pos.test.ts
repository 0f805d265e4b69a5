// The `pos` command end to end: real child processes, a real training gateway over HTTP, real
// SQLite files. Exit codes: 0 SUCCESS, 1 FAILED/CANCELLED, 2 refused (nothing sent), 3 UNKNOWN.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { pos, startPos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

let dir: string;
let sim: TrainingGateway;
let config: string;

function writeConfig(c: unknown, name = 'till.json'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof c === 'string' ? c : JSON.stringify(c));
  return path;
}

beforeEach(async () => {
  dir = tempDir('till-cli-');
  sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), paysAfterMs: 1500 });
  config = writeConfig({ dataDir: 'data', alipay: { gateway: sim.url }, payment: { waitSeconds: 5, requestTimeoutMs: 3000 } });
});
afterEach(async () => sim.close());

describe('pos pay', () => {
  it('prints one JSON object last and exits 0 on SUCCESS, saying it is training', async () => {
    const r = await pos(['pay', '--config', config, '--json', '--amount', '12.34', '--code', code('00'), '--subject', '测试商品']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', amount: '12.34', provider: 'alipay', training: true });
    expect(r.json!.outTradeNo).toMatch(/^TR\d{20}$/);
    expect(r.json!.tradeNo).toMatch(/^\d+$/);
  });

  it('exits 1 on a decline with the reason and the next step', async () => {
    const r = await pos(['pay', '--config', config, '--json', '--amount', '5', '--code', code('04')]);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 'FAILED', error: { code: 'PAYMENT_DECLINED' } });
    expect(String((r.json!.error as { message: string }).message)).toMatch(/refresh the code/);
  });

  it.each([
    [['--amount', '0', '--code', code('00')], /at least 0.01/],
    [['--amount', '12.345', '--code', code('00')], /more than two decimals/],
    [['--amount', '１２', '--code', code('00')], /full-width/],
    [['--amount', '5', '--code', '99999'], /no wallet issues codes/],
    [['--amount', '5'], /--code is required/],
    [['--amount', '5', '--code', code('00'), '--bogus'], /Unknown option '--bogus'/],
    // WeChat Pay is a provider too now (training runs its gateway); UnionPay is classified and not offered.
    [['--amount', '5', '--code', '6212345678901234567'], /UnionPay QuickPass is not configured/],
  ])('refuses %j with exit 2 and makes no network call', async (args, why) => {
    const r = await pos(['pay', '--config', config, '--json', ...args]);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ status: 'FAILED', refused: true });
    expect(JSON.stringify(r.json)).toMatch(why);
    expect(sim.requests()).toEqual([]);
  });

  it('refuses a bad config file with exit 2, naming the file and the field', async () => {
    const bad = await pos(['pay', '--config', writeConfig('{ not json', 'bad.json'), '--amount', '5', '--code', code('00')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json is not valid JSON/);
    const live = await pos(['pay', '--config', writeConfig({ alipay: { appId: '2021000123456789', privateKeyPath: 'k.pem' } }, 'live.json'), '--amount', '5', '--code', code('00')]);
    expect(live.code).toBe(2);
    expect(live.stderr).toMatch(/alipay\.alipayPublicKeyPath is missing/);
    const typo = await pos(['pay', '--config', writeConfig({ payment: { waitSecs: 5 } }, 'typo.json'), '--amount', '5', '--code', code('00')]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/payment: Unrecognized key: "waitSecs"/);
    const missing = await pos(['pay', '--config', join(dir, 'nope.json'), '--amount', '5', '--code', code('00')]);
    expect(missing.stderr).toMatch(/cannot read the configuration file .*nope\.json: ENOENT/);
    expect(sim.requests()).toEqual([]);
  });

  it('exits 3 when the outcome cannot be known, and the next pay is refused until it is settled', async () => {
    const offline = writeConfig({ dataDir: 'data', alipay: { gateway: 'http://127.0.0.1:9/gateway.do' }, payment: { waitSeconds: 5, requestTimeoutMs: 500 } }, 'offline.json');
    const r = await pos(['pay', '--config', offline, '--json', '--amount', '5', '--code', code('00')]);
    expect(r.code).toBe(3);
    expect(r.json).toMatchObject({ status: 'UNKNOWN', error: { code: 'GATEWAY_UNKNOWN_OUTCOME' } });
    const next = await pos(['pay', '--config', offline, '--json', '--amount', '5', '--code', code('00')]);
    expect(next.code).toBe(2);
    expect(next.json).toMatchObject({ status: 'FAILED', refused: true, error: { code: 'ATTEMPT_UNRESOLVED' } });
  }, 60_000);
});

describe('pos pay and Ctrl-C', () => {
  it('treats Ctrl-C while the customer is confirming as the cancel key: cancelled at the gateway, exit 1', async () => {
    const run = startPos(['pay', '--config', config, '--json', '--amount', '4.00', '--code', code('02')]);
    while (!sim.requests().some((x) => x.method === 'alipay.trade.query')) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 'CANCELLED' });
    expect(sim.requests().at(-1)!.method).toBe('alipay.trade.cancel');
  });
});

describe('pos recover after the till was killed', () => {
  it('settles a payment killed with SIGKILL while the customer was confirming; journal agrees with the gateway', async () => {
    const run = startPos(['pay', '--config', config, '--json', '--amount', '8.88', '--code', code('01')]);
    // Wait until the till is polling: the attempt is journaled as WAITING.
    while (!sim.requests().some((x) => x.method === 'alipay.trade.query')) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    const outTradeNo = sim.requests()[0]!.outTradeNo!;
    const before = new SqliteJournal(join(dir, 'data', 'journal-training.db'));
    expect(before.getAttempt(outTradeNo)!.state).toBe('WAITING');
    before.close();

    const r = await pos(['recover', '--config', config, '--json']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', unresolved: 0, payments: [{ outTradeNo, status: 'SUCCESS' }] });
    const q = await pos(['query', '--config', config, '--json', '--out-trade-no', outTradeNo]);
    expect(q.json).toMatchObject({ status: 'SUCCESS', outTradeNo });
    expect(sim.chargeCount(outTradeNo)).toBe(1);
    const after = new SqliteJournal(join(dir, 'data', 'journal-training.db'));
    expect(after.getAttempt(outTradeNo)!.state).toBe('SUCCESS');
    expect(after.unresolvedAttempts()).toEqual([]);
    after.close();
  });

  it('cancels a never-confirmed payment that was killed, so nothing is charged', async () => {
    const run = startPos(['pay', '--config', config, '--json', '--amount', '3.00', '--code', code('02')]);
    while (!sim.requests().some((x) => x.method === 'alipay.trade.query')) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGKILL');
    await run.done;
    const outTradeNo = sim.requests()[0]!.outTradeNo!;
    const r = await pos(['recover', '--config', config, '--json']);
    expect(r.json).toMatchObject({ payments: [{ outTradeNo, status: 'CANCELLED' }] });
    expect(sim.chargeCount(outTradeNo)).toBe(0);
    const q = await pos(['query', '--config', config, '--json', '--out-trade-no', outTradeNo]);
    expect(q.code).toBe(1);
    expect(q.stdout).toBeDefined();
  });

  it('says there is nothing to recover when everything is settled', async () => {
    const r = await pos(['recover', '--config', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/nothing to recover/);
  });
});

describe('pos refund and pos report', () => {
  it('refunds part of a payment and reports the day with the net', async () => {
    const paid = await pos(['pay', '--config', config, '--json', '--amount', '30.00', '--code', code('00')]);
    const no = String(paid.json!.outTradeNo);
    await pos(['pay', '--config', config, '--json', '--amount', '1.00', '--code', code('03')]);
    const refund = await pos(['refund', '--config', config, '--json', '--out-trade-no', no, '--amount', '12.50']);
    expect(refund.code).toBe(0);
    expect(refund.json).toMatchObject({ status: 'SUCCESS', amount: '12.50', refundedTotal: '12.50', left: '17.50', training: true });
    const over = await pos(['refund', '--config', config, '--json', '--out-trade-no', no, '--amount', '17.51']);
    expect(over.code).toBe(2);
    expect(over.json).toMatchObject({ error: { code: 'REFUND_EXCEEDS_PAID' } });
    const report = await pos(['report', '--config', config, '--json']);
    expect(report.code).toBe(0);
    expect(report.json).toMatchObject({
      training: true,
      paid: { count: 1, amount: '30.00' },
      refunds: { count: 1, amount: '12.50' },
      net: '17.50',
      rows: [{ provider: 'alipay', status: 'FAILED', count: 1, amount: '1.00' }, { provider: 'alipay', status: 'SUCCESS', count: 1, amount: '30.00' }],
    });
    const badDate = await pos(['report', '--config', config, '--date', '2026-13-01']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/not a date/);
  });
});
