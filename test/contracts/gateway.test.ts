import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AlipayGateway } from '../../app/gateway/AlipayGateway.ts';
import { loadTrainingKeys, startTrainingGateway } from '../../app/gateway/training/index.ts';
import { WechatGateway } from '../../app/gateway/wechat/WechatGateway.ts';
import {
  TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PUB_KEY_ID, loadWechatTrainingKeys, startWechatTrainingGateway,
} from '../../app/gateway/wechat/training/index.ts';
import { FakeClock } from '../fakes/FakeClock.ts';
import { FakeGateway } from '../fakes/FakeGateway.ts';
import { describeGatewayContract } from './gateway.contract.ts';

const alipayCode = (suffix: string) => `2876344382566439${suffix}`;
const wechatCode = (suffix: string) => `1345678901234567${suffix}`;

describeGatewayContract('AlipayGateway over the training gateway (real HTTP, real alipay-sdk)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-contract-'));
  let offsetMs = 0;
  const sim = await startTrainingGateway({ storePath: join(dir, 'g.db'), now: () => Date.now() + offsetMs });
  const keys = loadTrainingKeys();
  const gateway = new AlipayGateway({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: sim.url, training: true });
  return {
    gateway,
    code: alipayCode,
    advanceMs: async (ms) => void (offsetMs += ms),
    close: async () => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeGatewayContract('WechatGateway over the WeChat training gateway (real HTTP, fetch, v3 signatures)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-contract-wx-'));
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const sim = await startWechatTrainingGateway({ storePath: join(dir, 'g.db'), now });
  const keys = loadWechatTrainingKeys();
  const gateway = new WechatGateway({
    mchId: TRAINING_MCH_ID, appId: TRAINING_APP_ID, baseUrl: sim.url, privateKey: keys.merchantPrivateKey, certSerialNo: TRAINING_CERT_SERIAL,
    wechatPayPublicKey: keys.wechatPayPublicKey, wechatPayPublicKeyId: TRAINING_PUB_KEY_ID, training: true, now,
  });
  return {
    gateway,
    code: wechatCode,
    advanceMs: async (ms) => void (offsetMs += ms),
    close: async () => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeGatewayContract('FakeGateway (in memory)', async () => {
  const clock = new FakeClock();
  return { gateway: new FakeGateway(clock), code: alipayCode, advanceMs: async (ms) => clock.advance(ms), close: async () => {} };
});

describeGatewayContract('FakeGateway as WeChat (in memory, WeChat rules)', async () => {
  const clock = new FakeClock();
  const gateway = new FakeGateway(clock, { provider: 'wechat', rules: { minCancelDelayMs: 15_000, maxWaitSeconds: 40, minRefundGapMs: 60_000 } });
  return { gateway, code: wechatCode, advanceMs: async (ms) => clock.advance(ms), close: async () => {} };
});
