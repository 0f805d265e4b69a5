// wechatpay-axios-plugin as an independent signer and verifier (wechat-pay.md §1.9): it signs
// requests the WeChat training gateway must accept and verifies the gateway's answers as it would
// WeChat's, and its Rsa/Formatter check the till's own request signatures. A shared bug between the
// adapter and the training gateway (both use app/gateway/wechat/signing.ts) cannot pass this.
import { describe, expect, it } from 'vitest';
import { Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import { authorization, parseAuthorization } from '../../../app/gateway/wechat/signing.ts';
import { TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PLATFORM_SERIAL, TRAINING_PUB_KEY_ID } from '../../../app/gateway/wechat/training/index.ts';
import { keys, outTradeNo, startSim, wxCode } from './fixture.ts';

function plugin(baseURL: string, certs: Record<string, string> = { [TRAINING_PUB_KEY_ID]: keys.wechatPayPublicKey }, privateKey = keys.merchantPrivateKey) {
  return new Wechatpay({ mchid: TRAINING_MCH_ID, serial: TRAINING_CERT_SERIAL, privateKey, certs, baseURL, timeout: 5000 } as never) as unknown as {
    v3: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

const body = (n: string, code: string) => ({
  appid: TRAINING_APP_ID, mchid: TRAINING_MCH_ID, description: '培训商品', out_trade_no: n,
  payer: { auth_code: code }, amount: { total: 1234, currency: 'CNY' }, scene_info: { store_info: { id: '001' } },
});

describe('wechatpay-axios-plugin against the WeChat training gateway', () => {
  it('its signed codepay is accepted, and it verifies the signed 200 answer', async () => {
    const sim = await startSim();
    const n = outTradeNo();
    const res = await plugin(sim.url).v3.pay.transactions.codepay.post(body(n, wxCode('00')));
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ out_trade_no: n, trade_state: 'SUCCESS', amount: { total: 1234 } });
  });

  it('it verifies the 202 USERPAYING answer and the order query', async () => {
    const sim = await startSim({ paysAfterMs: 600_000 });
    const n = outTradeNo();
    const wx = plugin(sim.url);
    const res = await wx.v3.pay.transactions.codepay.post(body(n, wxCode('01')));
    expect(res.status).toBe(202);
    expect(res.data).toEqual({ trade_state: 'USERPAYING' });
    const q = await wx.v3.pay.transactions['out-trade-no']._out_trade_no_.get({ params: { mchid: TRAINING_MCH_ID }, out_trade_no: n });
    expect(q.data).toMatchObject({ out_trade_no: n, trade_state: 'USERPAYING' });
  });

  it('it verifies answers in platform-certificate mode too', async () => {
    const sim = await startSim();
    const wx = plugin(sim.url, { [TRAINING_PLATFORM_SERIAL]: keys.platformCertificate });
    const res = await wx.v3.pay.transactions.codepay.post(body(outTradeNo(), wxCode('00')), { headers: { 'Wechatpay-Serial': TRAINING_PLATFORM_SERIAL } });
    expect(res.status).toBe(200);
  });

  it('it rejects the forged answer (08) and SIGNTEST probes, as the adapter does', async () => {
    const sim = await startSim();
    await expect(plugin(sim.url).v3.pay.transactions.codepay.post(body(outTradeNo(), wxCode('08')))).rejects.toMatchObject({ code: 'EV3_RES_HEADER_SIGNATURE_DIGEST' });
    sim.set({ signTestProbes: true });
    await expect(plugin(sim.url).v3.pay.transactions.codepay.post(body(outTradeNo(), wxCode('00')))).rejects.toMatchObject({ code: 'EV3_RES_HEADER_SIGNATURE_DIGEST' });
  });

  it('the gateway refuses a request signed with the wrong merchant key (401 SIGN_ERROR)', async () => {
    const sim = await startSim();
    const n = outTradeNo();
    await expect(plugin(sim.url, undefined, keys.wechatPayPrivateKey).v3.pay.transactions.codepay.post(body(n, wxCode('00')))).rejects.toMatchObject({ response: { status: 401, data: { code: 'SIGN_ERROR' } } });
    expect(sim.chargeCount(n)).toBe(0);
  });

  it("the till's Authorization header verifies with the plugin's own Formatter and Rsa", () => {
    const text = JSON.stringify({ a: '中文', b: 1 });
    const header = authorization({ mchId: TRAINING_MCH_ID, certSerialNo: TRAINING_CERT_SERIAL, privateKey: keys.merchantPrivateKey }, 'POST', '/v3/pay/transactions/codepay', text, Date.now());
    const a = parseAuthorization(header)!;
    expect(a).toMatchObject({ mchid: TRAINING_MCH_ID, serial_no: TRAINING_CERT_SERIAL });
    const message = Formatter.request('POST', '/v3/pay/transactions/codepay', a.timestamp, a.nonce_str, text);
    expect(Rsa.verify(message, a.signature, Rsa.from(keys.merchantPublicKey, Rsa.KEY_TYPE_PUBLIC))).toBe(true);
    expect(Rsa.verify(Formatter.request('POST', '/v3/pay/transactions/codepay', a.timestamp, a.nonce_str, `${text} `), a.signature, Rsa.from(keys.merchantPublicKey, Rsa.KEY_TYPE_PUBLIC))).toBe(false);
  });
});
