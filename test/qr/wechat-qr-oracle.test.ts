// wechatpay-axios-plugin as an independent client of the WeChat training gateway's Native paths
// (as test/gateway/wechat/oracle.test.ts does for codepay): its signed native, query and close
// requests are accepted and it verifies every answer, the empty 204 of close included. The bodies
// are the reference's (qr-bills-transfers.md §2.2), so the gateway the till is tested against
// speaks WeChat's Native, not the till's own idea of it.
import { describe, expect, it } from 'vitest';
import { Wechatpay } from 'wechatpay-axios-plugin';
import { beijingRfc3339 } from '../../app/gateway/wechat/wechatQr.ts';
import { TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PUB_KEY_ID } from '../../app/gateway/wechat/training/index.ts';
import { keys, outTradeNo, startSim } from '../gateway/wechat/fixture.ts';

function plugin(baseURL: string) {
  return new Wechatpay({ mchid: TRAINING_MCH_ID, serial: TRAINING_CERT_SERIAL, privateKey: keys.merchantPrivateKey, certs: { [TRAINING_PUB_KEY_ID]: keys.wechatPayPublicKey }, baseURL, timeout: 5000 } as never) as unknown as {
    v3: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

const nativeBody = (n: string, more: Record<string, unknown> = {}) => ({
  appid: TRAINING_APP_ID, mchid: TRAINING_MCH_ID, description: '培训商品', out_trade_no: n,
  time_expire: beijingRfc3339(Date.now() + 120_000), notify_url: 'https://hq.example.com/wechat/notify',
  amount: { total: 1234, currency: 'CNY' }, scene_info: { payer_client_ip: '192.168.1.20', store_info: { id: '001' } }, ...more,
});

describe('wechatpay-axios-plugin against the WeChat training gateway (Native)', () => {
  it('its signed native is accepted and it verifies the {code_url} answer; the order query answers NOTPAY (an order exists before the scan)', async () => {
    const sim = await startSim();
    const wx = plugin(sim.url);
    const n = outTradeNo();
    const res = await wx.v3.pay.transactions.native.post(nativeBody(n));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ code_url: expect.stringContaining(`/training/qr/${n}`) });
    const q = await wx.v3.pay.transactions['out-trade-no']._out_trade_no_.get({ params: { mchid: TRAINING_MCH_ID }, out_trade_no: n });
    expect(q.data).toMatchObject({ out_trade_no: n, trade_state: 'NOTPAY', trade_type: 'NATIVE', amount: { total: 1234 } });
    expect(q.data.transaction_id).toBeUndefined();
  });

  it('it verifies the signed empty 204 of close; the query then answers CLOSED; close again is 204 too', async () => {
    const sim = await startSim();
    const wx = plugin(sim.url);
    const n = outTradeNo();
    await wx.v3.pay.transactions.native.post(nativeBody(n));
    const c = await wx.v3.pay.transactions['out-trade-no']._out_trade_no_.close.post({ mchid: TRAINING_MCH_ID }, { out_trade_no: n });
    expect(c.status).toBe(204);
    const again = await wx.v3.pay.transactions['out-trade-no']._out_trade_no_.close.post({ mchid: TRAINING_MCH_ID }, { out_trade_no: n });
    expect(again.status).toBe(204);
    const q = await wx.v3.pay.transactions['out-trade-no']._out_trade_no_.get({ params: { mchid: TRAINING_MCH_ID }, out_trade_no: n });
    expect(q.data).toMatchObject({ trade_state: 'CLOSED' });
  });

  it('a paid Native order answers SUCCESS with transaction_id and payer; close of it is refused (ORDERPAID)', async () => {
    const sim = await startSim();
    const wx = plugin(sim.url);
    const n = outTradeNo();
    await wx.v3.pay.transactions.native.post(nativeBody(n));
    expect(sim.simulateQrScan(n)).toMatchObject({ paid: true });
    const q = await wx.v3.pay.transactions['out-trade-no']._out_trade_no_.get({ params: { mchid: TRAINING_MCH_ID }, out_trade_no: n });
    expect(q.data).toMatchObject({ trade_state: 'SUCCESS', trade_type: 'NATIVE', transaction_id: expect.stringMatching(/^4200/), payer: { openid: expect.any(String) } });
    await expect(wx.v3.pay.transactions['out-trade-no']._out_trade_no_.close.post({ mchid: TRAINING_MCH_ID }, { out_trade_no: n }))
      .rejects.toMatchObject({ response: { status: 400, data: { code: 'ORDERPAID' } } });
  });

  it('notify_url is required and must be https; scene_info needs payer_client_ip (WeChat\'s schema), all answered PARAM_ERROR', async () => {
    const sim = await startSim();
    const wx = plugin(sim.url);
    for (const more of [{ notify_url: undefined }, { notify_url: 'http://hq.example.com/n' }, { scene_info: { store_info: { id: '001' } } }, { time_expire: '2026-06-08 10:34:56' }]) {
      await expect(wx.v3.pay.transactions.native.post(nativeBody(outTradeNo(), more))).rejects.toMatchObject({ response: { status: 400, data: { code: 'PARAM_ERROR' } } });
    }
  });

  it('the partner path takes sp_/sub_ ids', async () => {
    const sim = await startSim();
    const wx = plugin(sim.url);
    const n = outTradeNo();
    const res = await wx.v3.pay.partner.transactions.native.post({
      sp_appid: TRAINING_APP_ID, sp_mchid: TRAINING_MCH_ID, sub_mchid: '1900000200', description: 'x', out_trade_no: n,
      notify_url: 'https://hq.example.com/wechat/notify', amount: { total: 100, currency: 'CNY' },
    });
    expect(res.status).toBe(200);
    const c = await wx.v3.pay.partner.transactions['out-trade-no']._out_trade_no_.close.post({ sp_mchid: TRAINING_MCH_ID, sub_mchid: '1900000200' }, { out_trade_no: n });
    expect(c.status).toBe(204);
  });
});
