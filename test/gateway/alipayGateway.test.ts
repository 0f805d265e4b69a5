// The Alipay adapter's own promises: it refuses to run without the Alipay public key (alipay-sdk
// would silently skip verification), and a PKCS#1 key signs requests the gateway accepts.
import { createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlipayGateway } from '../../app/gateway/AlipayGateway.ts';
import { loadTrainingKeys, startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

const keys = loadTrainingKeys();
let sim: TrainingGateway | undefined;
afterEach(async () => sim?.close());

describe('AlipayGateway', () => {
  it('refuses to be built without the Alipay public key', () => {
    expect(() => new AlipayGateway({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: '', gatewayUrl: 'http://127.0.0.1:1/gateway.do', training: false })).toThrow(/public key is missing/);
  });

  it('signs with a PKCS#1 key as well as PKCS#8', async () => {
    sim = await startTrainingGateway({ storePath: join(tempDir(), 'g.db') });
    const pkcs1 = createPrivateKey(keys.tillPrivateKey).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toMatch(/BEGIN RSA PRIVATE KEY/);
    const g = new AlipayGateway({ appId: '2021000000000000', privateKey: pkcs1, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: sim.url, training: true });
    const r = await g.pay({ outTradeNo: 'P1', authCode: code('00'), amountFen: 100 as never, subject: 's', payTimeoutMinutes: 5 });
    expect(r).toMatchObject({ kind: 'paid', outTradeNo: 'P1', totalFen: 100 });
  });

  it('reports a request signed with the wrong key as a configuration error, not a decline', async () => {
    sim = await startTrainingGateway({ storePath: join(tempDir(), 'g.db') });
    const g = new AlipayGateway({ appId: '2021000000000000', privateKey: keys.gatewayPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: sim.url, training: true });
    const r = await g.pay({ outTradeNo: 'P2', authCode: code('00'), amountFen: 100 as never, subject: 's', payTimeoutMinutes: 5 });
    expect(r).toMatchObject({ kind: 'config-error', code: '40002', subCode: 'isv.invalid-signature' });
    expect(sim.chargeCount('P2')).toBe(0);
  });

  it('sends store, terminal, operator and app_auth_token when configured, and timeout_express in minutes', async () => {
    sim = await startTrainingGateway({ storePath: join(tempDir(), 'g.db') });
    const seen: string[] = [];
    const { createServer } = await import('node:http');
    const front = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        seen.push(`${req.url} ${decodeURIComponent(Buffer.concat(chunks).toString())}`);
        const r = await fetch(`${sim!.url}${req.url!.slice(req.url!.indexOf('?'))}`, { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: Buffer.concat(chunks) });
        res.end(await r.text());
      });
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    const g = new AlipayGateway({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: `http://127.0.0.1:${(front.address() as { port: number }).port}/gateway.do`, training: true, storeId: 'S01', terminalId: 'T9', operatorId: 'cashier7', appAuthToken: '202611BBtoken' });
    await g.pay({ outTradeNo: 'P3', authCode: code('00'), amountFen: 1234 as never, subject: '商品', payTimeoutMinutes: 5 });
    front.close();
    expect(seen[0]).toMatch(/app_auth_token=202611BBtoken/);
    expect(seen[0]).toMatch(/"store_id":"S01"/);
    expect(seen[0]).toMatch(/"terminal_id":"T9"/);
    expect(seen[0]).toMatch(/"operator_id":"cashier7"/);
    expect(seen[0]).toMatch(/"timeout_express":"5m"/);
    expect(seen[0]).toMatch(/"total_amount":"12.34"/);
  });
});
