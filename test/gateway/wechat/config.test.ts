// The wechat config section and what reaches WeChat from it: scene_info's store and device ids
// with their fallbacks (issue 15), service-provider mode, training vs live.
import { describe, expect, it } from 'vitest';
import type { Fen } from '../../../app/common/money.ts';
import { parseConfig } from '../../../app/config/config.ts';
import { openWechatGateway } from '../../../app/gateway/wechat/openWechat.ts';
import { outTradeNo, startSim, tempDir, wxCode } from './fixture.ts';

async function sceneSent(section: Record<string, unknown>): Promise<unknown> {
  const sim = await startSim();
  const config = parseConfig({ dataDir: tempDir(), ...section, wechat: { ...(section.wechat as object), baseUrl: sim.url } }, tempDir());
  const opened = (await openWechatGateway(config))!;
  try {
    const r = await opened.gateway.pay({ outTradeNo: outTradeNo(), authCode: wxCode('00'), amountFen: 100 as Fen, subject: 's', payTimeoutMinutes: 5 });
    expect(r.kind).toBe('paid');
  } finally {
    await opened.close();
  }
  return sim.requests().find((x) => x.route === 'codepay')!.scene;
}

describe('wechat config → scene_info', () => {
  it('store_info.id and device_id from wechat.storeId / wechat.deviceId', async () => {
    expect(await sceneSent({ wechat: { storeId: 'S01', deviceId: 'T01' }, alipay: { storeId: 'A9', terminalId: 'AT9' } })).toEqual({ store_info: { id: 'S01' }, device_id: 'T01' });
  });
  it('else alipay.storeId / alipay.terminalId', async () => {
    expect(await sceneSent({ wechat: {}, alipay: { storeId: 'A9', terminalId: 'AT9' } })).toEqual({ store_info: { id: 'A9' }, device_id: 'AT9' });
  });
  it('else store "001" and no device_id (scene_info is always sent)', async () => {
    expect(await sceneSent({ wechat: {} })).toEqual({ store_info: { id: '001' } });
  });
});

describe('wechat config: training vs live', () => {
  it('no live provider: training, and a WeChat training gateway is built', async () => {
    const c = parseConfig({ dataDir: tempDir() }, tempDir());
    expect(c.mode).toBe('training');
    const opened = (await openWechatGateway(c))!;
    expect(opened.gateway.training).toBe(true);
    expect(opened.gateway.rules).toMatchObject({ minCancelDelayMs: 15_000, maxWaitSeconds: 40, minRefundGapMs: 60_000 });
    await opened.close();
  });
  it('live Alipay only: live mode, and no WeChat gateway at all (WeChat codes are refused)', async () => {
    const c = parseConfig({ alipay: { appId: '2021000123456789', privateKeyPath: 'a.pem', alipayPublicKeyPath: 'b.pem' } }, tempDir());
    expect(c.mode).toBe('live');
    expect(await openWechatGateway(c)).toBeUndefined();
  });
  it('live WeChat with the default base URL, service-provider ids kept', () => {
    const c = parseConfig({
      wechat: {
        mchId: '1900000109', appId: 'wx8888888888888888', privateKeyPath: 'keys/k.pem', certSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000000',
        wechatPayPublicKeyPath: 'keys/p.pem', wechatPayPublicKeyId: 'PUB_KEY_ID_0114232134912410000000000000', subMchId: '1900000201',
      },
    }, '/etc/till');
    expect(c.mode).toBe('live');
    expect(c.wechat).toMatchObject({ baseUrl: 'https://api.mch.weixin.qq.com', privateKeyPath: '/etc/till/keys/k.pem', subMchId: '1900000201' });
  });
});
