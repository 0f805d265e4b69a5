// Certificate mode (公钥证书): the training chain, serial numbers computed as Alipay does (the
// gateway's own computation held to alipay-sdk's), the gateway's checks of a cert-mode request,
// and the till's checks of its certificate files before any request.
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { AlipayClient } from '../../app/gateway/alipayClient.ts';
import { AlipayTransfers } from '../../app/gateway/AlipayTransfers.ts';
import { PosError } from '../../app/common/errors.ts';
import { certSn, rootCertSn } from '../../app/gateway/training/cert-sn.ts';
import { mintTrainingCertChain, readTrainingCerts } from '../../app/gateway/training/certs.ts';
import { loadTrainingKeys, startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { openIdFor } from '../../app/gateway/training/open-ids.ts';
import { APP_ID, certClient, trainingChain } from '../helpers/cashbackTill.ts';
import { tempDir } from '../helpers/tempDir.ts';

const keys = loadTrainingKeys();
let sim: TrainingGateway | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const certs = () => readTrainingCerts(trainingChain());
const start = async () => (sim = await startTrainingGateway({ storePath: join(tempDir(), 'g.db'), certs: certs() }));
const packet = (outBizNo: string, payeeId = '2088123412341234', payeeType: 'ALIPAY_USER_ID' | 'ALIPAY_OPEN_ID' = 'ALIPAY_USER_ID') =>
  ({ outBizNo, amountFen: 200 as never, payeeType, payeeId, orderTitle: '感谢光临' });

function configError(f: () => unknown): PosError {
  try {
    f();
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('the training certificate chain', () => {
  it('gives the serial numbers alipay-sdk computes (app, Alipay, root bundle of RSA roots only)', () => {
    const c = certs();
    const sdk = new AlipaySdk({ appId: APP_ID, privateKey: keys.tillPrivateKey, keyType: 'PKCS8', appCertContent: c.appCert, alipayPublicCertContent: c.alipayPublicCert, alipayRootCertContent: c.alipayRootCert });
    expect(certSn(c.appCert)).toBe(sdk.config.appCertSn);
    expect(certSn(c.alipayPublicCert)).toBe(sdk.config.alipayCertSn);
    expect(rootCertSn(c.alipayRootCert)).toBe(sdk.config.alipayRootCertSn);
    // The bundle holds an ECDSA root too; the root SN counts only the RSA one.
    expect(c.alipayRootCert.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(sdk.config.alipayRootCertSn).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is reused when it still certifies the training keys', () => {
    const again = mintTrainingCertChain(trainingChain().dir, APP_ID);
    expect(readTrainingCerts(again)).toEqual(certs());
  });
});

describe('the training gateway in certificate mode', () => {
  it('pays a red packet to a cert-mode request, and its answer names the Alipay certificate', async () => {
    await start();
    const t = new AlipayTransfers(certClient(sim!.url), { training: true });
    expect(await t.transfer(packet('CB1'))).toMatchObject({ kind: 'sent' });
    expect(await t.query('CB1')).toMatchObject({ kind: 'sent' });
    expect(await t.query('CB-none'.replace('-', '_'))).toEqual({ kind: 'not-found' });
    expect(sim!.transfersPaid('CB1')).toBe(1);
  });

  it('refuses fund transfers signed in key mode, and the till will not even build the sender', async () => {
    await start();
    const keyMode = new AlipayClient({ appId: APP_ID, privateKey: keys.tillPrivateKey, signing: { mode: 'key', alipayPublicKey: keys.gatewayPublicKey }, gatewayUrl: sim!.url, requestTimeoutMs: 3000 });
    const e = configError(() => new AlipayTransfers(keyMode, { training: true }));
    expect(e.message).toMatch(/need Alipay certificate mode/);
    expect(e.toData().messageZh).toMatch(/公钥证书模式/);
    const r = await keyMode.exec('alipay.fund.trans.uni.transfer', { out_biz_no: 'K1', trans_amount: '2.00', product_code: 'STD_RED_PACKET', biz_scene: 'DIRECT_TRANSFER', business_params: '{"sub_biz_scene":"REDPACKET"}', payee_info: { identity: '2088123412341234', identity_type: 'ALIPAY_USER_ID' } });
    expect(r).toMatchObject({ ok: true, answer: { code: '40002', subCode: 'isv.cert-mode-required' } });
    expect(sim!.transfersPaid()).toBe(0);
  });

  it('refuses a request whose app_cert_sn is not the app certificate it holds (and the till cannot trust its answer either)', async () => {
    await start();
    const other = readTrainingCerts(mintTrainingCertChain(join(tempDir(), 'other'), APP_ID));
    const client = new AlipayClient({ appId: APP_ID, privateKey: keys.tillPrivateKey, signing: { mode: 'cert', ...other }, gatewayUrl: sim!.url, requestTimeoutMs: 3000 });
    const r = await new AlipayTransfers(client, { training: true }).transfer(packet('CB2'));
    // The other chain's Alipay certificate is not the one this gateway signs with: unknown, not refused.
    expect(r).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/not the installed one/) });
    expect(sim!.transfersPaid()).toBe(0);
    expect(sim!.requests().map((q) => q.method)).toEqual(['alipay.fund.trans.uni.transfer']);
  });

  it('knows open ids are per app: one issued to another app names no payee', async () => {
    await start();
    const t = new AlipayTransfers(certClient(sim!.url), { training: true });
    expect(await t.transfer(packet('CB3', openIdFor(APP_ID, '2088123412341234'), 'ALIPAY_OPEN_ID'))).toMatchObject({ kind: 'sent' });
    expect(await t.transfer(packet('CB4', openIdFor('2021009999999999', '2088123412341234'), 'ALIPAY_OPEN_ID'))).toMatchObject({ kind: 'refused', subCode: 'PAYEE_NOT_EXIST' });
  });

  it('answers a resend of the same out_biz_no with other parameters PAYMENT_INFO_INCONSISTENCY, paying once', async () => {
    await start();
    const t = new AlipayTransfers(certClient(sim!.url), { training: true });
    expect(await t.transfer(packet('CB5'))).toMatchObject({ kind: 'sent' });
    expect(await t.transfer(packet('CB5'))).toMatchObject({ kind: 'sent' });
    expect(await t.transfer({ ...packet('CB5'), amountFen: 300 as never })).toMatchObject({ kind: 'refused', subCode: 'PAYMENT_INFO_INCONSISTENCY' });
    expect(sim!.transfersPaid('CB5')).toBe(1);
  });
});

describe('the till checks its certificate files before any request', () => {
  const cert = (over: Partial<ReturnType<typeof certs>> = {}, privateKey = keys.tillPrivateKey) =>
    () => new AlipayClient({ appId: APP_ID, privateKey, signing: { mode: 'cert', ...certs(), ...over }, gatewayUrl: 'http://127.0.0.1:1/gateway.do', requestTimeoutMs: 1000 });

  it('an app certificate for another key', () => {
    const e = configError(cert({}, keys.gatewayPrivateKey));
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toMatch(/alipay\.appCertPath: does not certify the app private key/);
    expect(e.toData().messageZh).toMatch(/与应用私钥不匹配/);
  });

  it('a file that is not a certificate', () => {
    const e = configError(cert({ alipayPublicCert: keys.gatewayPublicKey }));
    expect(e.message).toMatch(/alipay\.alipayPublicCertPath: is not a PEM certificate/);
    expect(e.toData().messageZh).toMatch(/不是 PEM 格式的证书/);
  });

  it('a root bundle without an RSA root', () => {
    const ecOnly = certs().alipayRootCert.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)![1]!;
    const e = configError(cert({ alipayRootCert: ecOnly }));
    expect(e.message).toMatch(/alipay\.alipayRootCertPath: holds no RSA root certificate/);
    expect(e.toData().messageZh).toMatch(/不含 RSA 根证书/);
  });
});
