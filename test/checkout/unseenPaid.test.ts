// Issue 8 item 4 across processes: a crashed sale that another process (a cron'd `pos recover`, the
// app's start-up pass) later finds PAID stops the next sale, since the customer at the counter may
// be the one already charged. A SUCCESS the paying process handed to the cashier stops nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pos, startPos } from '../helpers/runPos.ts';
import { posTill, until, type PosTill } from '../helpers/posTill.ts';
import { code, trainingTill, type TrainingTill } from '../helpers/trainingTill.ts';

let till: TrainingTill | undefined;
let ptill: PosTill | undefined;
let dir: string | undefined;
afterEach(async () => {
  await till?.close();
  await ptill?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  till = ptill = dir = undefined;
});

/** An attempt paid at the gateway and settled SUCCESS by a recovery pass, never shown to anyone. */
async function crashedThenRecovered(t: TrainingTill): Promise<string> {
  const j = t.journal;
  const now = Date.now();
  const a = j.createAttempt({ outTradeNo: `TR${now}01`, provider: 'alipay', amountFen: 888, subject: '门店消费', codeHash: j.hashCode(code('00')), codeLast4: '6400', training: true, createdAt: now }, { sending: true });
  j.recordTransition(a.outTradeNo, 'SENT', { type: 'recover' }, {}, now + 1);
  j.recordTransition(a.outTradeNo, 'QUERYING', { type: 'paid' }, { tradeNo: '2026120122001400000099' }, now + 2);
  return a.outTradeNo;
}

describe('a payment found PAID that nobody was shown', () => {
  it('stops the next screen sale once, naming it with its amount; the next scan charges', async () => {
    till = await trainingTill();
    const no = await crashedThenRecovered(till);
    const first = till.checkout.pay({ amount: '8.88', code: code('00', '2876344382566001') });
    await expect(first).rejects.toMatchObject({ code: 'RECOVERED_PAID', details: { recovered: [{ outTradeNo: no, amount: '8.88' }] } });
    await expect(first).rejects.toThrow(/do not charge again/);
    expect(till.sim.requests().filter((r) => r.method === 'alipay.trade.pay')).toHaveLength(0);
    const second = await till.checkout.pay({ amount: '8.88', code: code('00', '2876344382566002') });
    expect(second.status).toBe('SUCCESS');
  });

  it("'refuse' (the CLI) keeps refusing until told to go on", async () => {
    till = await trainingTill();
    await crashedThenRecovered(till);
    await expect(till.checkout.pay({ amount: '1.00', code: code('00', '2876344382566003'), recovered: 'refuse' })).rejects.toMatchObject({ code: 'RECOVERED_PAID' });
    await expect(till.checkout.pay({ amount: '1.00', code: code('00', '2876344382566004'), recovered: 'refuse' })).rejects.toMatchObject({ code: 'RECOVERED_PAID' });
    expect((await till.checkout.pay({ amount: '1.00', code: code('00', '2876344382566005'), recovered: 'go-on' })).status).toBe('SUCCESS');
    expect((await till.checkout.pay({ amount: '1.00', code: code('00', '2876344382566006'), recovered: 'refuse' })).status).toBe('SUCCESS');
  });

  it('a SUCCESS delivered by the paying process stops nothing', async () => {
    till = await trainingTill();
    expect((await till.checkout.pay({ amount: '2.00', code: code('00', '2876344382566007') })).status).toBe('SUCCESS');
    expect((await till.checkout.pay({ amount: '2.00', code: code('00', '2876344382566008'), recovered: 'refuse' })).status).toBe('SUCCESS');
  });

  it('real processes: pos pay killed while the buyer confirms, a separate pos recover finds it PAID, the re-scan is refused (exit 2) until --after-recovered', async () => {
    dir = mkdtempSync(join(tmpdir(), 'till-unseen-'));
    ptill = await posTill(dir, { pollIntervalMs: 200, waitSeconds: 30 }, { paysAfterMs: 1500 });
    const p = startPos(['pay', '--config', ptill.config, '--json', '--amount', '8.88', '--code', code('01', '2876344382566010')]);
    await ptill.seen((c) => c.method === 'alipay.trade.query');
    p.child.kill('SIGKILL');
    await p.done;
    await new Promise((r) => setTimeout(r, 1600)); // the buyer confirms meanwhile
    const rec = await pos(['recover', '--config', ptill.config, '--json']);
    expect(rec.code).toBe(0);
    const again = await pos(['pay', '--config', ptill.config, '--json', '--amount', '8.88', '--code', code('00', '2876344382566011')]);
    expect(again.code).toBe(2);
    expect(again.json).toMatchObject({ refused: true, error: { code: 'RECOVERED_PAID' } });
    expect(JSON.stringify(again.json)).toContain('8.88');
    const paysBefore = ptill.sim.requests().filter((r) => r.method === 'alipay.trade.pay').length;
    expect(paysBefore).toBe(1);
    const go = await pos(['pay', '--config', ptill.config, '--json', '--amount', '8.88', '--code', code('00', '2876344382566012'), '--after-recovered']);
    expect(go.code).toBe(0);
    await until(() => ptill!.sim.requests().filter((r) => r.method === 'alipay.trade.pay').length === 2, 'the second charge');
  }, 180_000);
});
