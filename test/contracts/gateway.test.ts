import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AlipayGateway } from '../../app/gateway/AlipayGateway.ts';
import { loadTrainingKeys, startTrainingGateway } from '../../app/gateway/training/index.ts';
import { FakeClock } from '../fakes/FakeClock.ts';
import { FakeGateway } from '../fakes/FakeGateway.ts';
import { describeGatewayContract } from './gateway.contract.ts';

describeGatewayContract('AlipayGateway over the training gateway (real HTTP, real alipay-sdk)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-contract-'));
  let offsetMs = 0;
  const sim = await startTrainingGateway({ storePath: join(dir, 'g.db'), now: () => Date.now() + offsetMs });
  const keys = loadTrainingKeys();
  const gateway = new AlipayGateway({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: sim.url, training: true });
  return {
    gateway,
    advanceMs: async (ms) => void (offsetMs += ms),
    close: async () => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeGatewayContract('FakeGateway (in memory)', async () => {
  const clock = new FakeClock();
  return { gateway: new FakeGateway(clock), advanceMs: async (ms) => clock.advance(ms), close: async () => {} };
});
