// A live WeChat-Pay-only till (no Alipay: app/till.ts's second constructor path) reconciles its
// WeChat bill (issue 12): `pos reconcile --provider wechat` builds the bill source from the same
// `wechat` config as the payments. The "live" WeChat Pay here is the WeChat training gateway with
// keys made for this test (a live till refuses the training keys), over loopback HTTP.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { TRAINING_PUB_KEY_ID, loadWechatTrainingKeys } from '../../app/gateway/wechat/training/keys.ts';
import { startWechatTrainingGateway, type WechatTrainingGateway } from '../../app/gateway/wechat/training/server.ts';
import { wechatTrainingBills } from '../../app/reconcile/training/wechatBillRoute.ts';
import { pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';

const SERIAL = '3775B6A45ACD588826D15E583A95F5DD00000001';

let sim: WechatTrainingGateway | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const pem = () => {
  const k = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

describe('a live WeChat-only till', () => {
  it('reconciles its WeChat bill and finds the planted difference', { timeout: 180_000 }, async () => {
    const dir = tempDir('till-wxonly-');
    const merchant = pem();
    const wechatPay = pem();
    const storePath = join(dir, 'wechat-gateway.db');
    const bills = wechatTrainingBills(storePath);
    sim = await startWechatTrainingGateway({
      storePath, extraRoute: bills.route, merchantSerial: SERIAL,
      keys: { ...loadWechatTrainingKeys(), merchantPrivateKey: merchant.privateKey, merchantPublicKey: merchant.publicKey, wechatPayPrivateKey: wechatPay.privateKey, wechatPayPublicKey: wechatPay.publicKey },
    });
    bills.origin(sim.url);
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys', 'apiclient_key.pem'), merchant.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, 'keys', 'pub_key.pem'), wechatPay.publicKey);
    const config = join(dir, 'till.json');
    writeFileSync(config, JSON.stringify({
      dataDir: 'data',
      wechat: {
        mchId: '1900000109', appId: 'wx8888888888888888', baseUrl: sim.url, notifyUrl: 'https://example.com/wechat/notify',
        privateKeyPath: 'keys/apiclient_key.pem', certSerialNo: SERIAL, wechatPayPublicKeyPath: 'keys/pub_key.pem', wechatPayPublicKeyId: TRAINING_PUB_KEY_ID,
      },
      payment: { waitSeconds: 10, requestTimeoutMs: 3000 },
    }));
    const paid = async (amount: string, suffix: string) => {
      const r = await pos(['pay', '--config', config, '--json', '--amount', amount, '--code', `1345678901234567${suffix}`]);
      expect(r.json, r.stderr).toMatchObject({ status: 'SUCCESS', provider: 'wechat', training: false });
      return r.json!.outTradeNo as string;
    };
    await paid('8.00', '00');
    const planted = await paid('6.00', '12');

    const r = await pos(['reconcile', '--config', config, '--json', '--provider', 'wechat', '--date', shanghaiDay(Date.now())]);
    expect(r.json, r.stderr).toMatchObject({ status: 'DIFFERENCES', provider: 'wechat', training: false, payments: { matched: { count: 1, amount: '8.00' }, amountDiffers: 1 } });
    expect((r.json!.differences as Array<Record<string, unknown>>).map((d) => [d.kind, d.outTradeNo, d.billAmount, d.tillAmount])).toEqual([['amount-differs', planted, '7.00', '6.00']]);
    // No Alipay on this till: its bill is refused by name, in both languages.
    const a = await pos(['reconcile', '--config', config, '--json', '--date', shanghaiDay(Date.now())]);
    expect(a.json).toMatchObject({ error: { code: 'PROVIDER_NOT_CONFIGURED' } });
  });
});
