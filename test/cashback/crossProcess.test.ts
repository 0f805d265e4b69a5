// Real processes (issue 14 "Done when"): `pos pay` in certificate mode sends the sale's red packet
// after the paid result; SIGKILL while the transfer is at the gateway, then `pos recover` settles
// it by query — one packet at the gateway, never two. `pos report` says what went out.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { readTrainingCerts } from '../../app/gateway/training/certs.ts';
import { pos, startPos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { SPRING, trainingChain, transferRequests } from '../helpers/cashbackTill.ts';

let sim: TrainingGateway | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setUp(amount: string): Promise<{ dir: string; config: string }> {
  const dir = tempDir();
  // The transfer's answer is held far longer than the test runs: the kill lands while it is out.
  sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), certs: readTrainingCerts(trainingChain()), slowAnswerMs: 120_000 });
  const c = trainingChain();
  const config = join(dir, 'till.config.json');
  writeFileSync(config, JSON.stringify({
    dataDir: join(dir, 'data'),
    alipay: { gateway: sim.url, appCertPath: c.appCertPath, alipayPublicCertPath: c.alipayPublicCertPath, alipayRootCertPath: c.alipayRootCertPath },
    payment: { requestTimeoutMs: 60_000 },
    promotions: [{ ...SPRING, amount }],
  }));
  return { dir, config };
}

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ok()) throw new Error(`never happened: ${what}`);
}

describe('red packets across real processes', () => {
  it('pos pay sends one packet after the paid result, and pos report counts it', async () => {
    const { config } = await setUp('2.00');
    const paid = await pos(['pay', '--config', config, '--amount', '58.00', '--code', '287634438256643900', '--json']);
    expect(paid.json).toMatchObject({ status: 'SUCCESS' });
    expect(transferRequests(sim!)).toEqual(['alipay.fund.trans.uni.transfer']);
    expect(sim!.transfersPaid()).toBe(1);
    const report = await pos(['report', '--config', config, '--date', new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), '--json']);
    expect(report.json).toMatchObject({ cashback: { count: 1, amount: '2.00', payers: 1, open: 0 } });
  });

  it('SIGKILL after the transfer left the till, then pos recover: one packet at the gateway', async () => {
    const { config } = await setUp('2.04');
    const run = startPos(['pay', '--config', config, '--amount', '58.00', '--code', '287634438256643900', '--json']);
    await until('the transfer reached the gateway', () => transferRequests(sim!).length === 1);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    // Paid before the packet was sent: the sale's result was already out.
    expect(killed.stdout).toMatch(/"status":"SUCCESS"/);
    const outBizNo = sim!.requests().find((r) => r.method === 'alipay.fund.trans.uni.transfer')!.outBizNo!;
    expect(sim!.transfersPaid(outBizNo)).toBe(1);

    const recovered = await pos(['recover', '--config', config, '--json']);
    expect(recovered.json).toMatchObject({ status: 'SUCCESS', cashback: [{ outBizNo, state: 'SENT', amount: '2.04' }] });
    // The query found it: no second transfer, one packet.
    expect(transferRequests(sim!, outBizNo)).toEqual(['alipay.fund.trans.uni.transfer', 'alipay.fund.trans.common.query']);
    expect(sim!.transfersPaid()).toBe(1);

    const again = await pos(['recover', '--config', config, '--json']);
    expect(again.json).toMatchObject({ status: 'SUCCESS', cashback: [] });
    expect(transferRequests(sim!)).toHaveLength(2);
  });
});
