// The gateway.do protocol itself: request signatures checked independently of the client, the
// exact answer envelope, argument errors, and idempotent trade.pay.
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, cancel, codeFor, keys, newOutTradeNo, pay, query, startGateway, till, APP_ID } from './training-fixture.ts';

/** A request built by hand, signed as Alipay specifies, with nothing from alipay-sdk. */
async function rawCall(url: string, params: Record<string, string>, o: { privateKey?: string; sign?: boolean } = {}): Promise<{ status: number; type: string | null; text: string }> {
  const signText = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  const all = o.sign === false ? params : { ...params, sign: createSign('RSA-SHA256').update(signText, 'utf8').sign(o.privateKey ?? keys.tillPrivateKey, 'base64') };
  const { biz_content, ...common } = all;
  const res = await fetch(`${url}?${new URLSearchParams(common).toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: biz_content === undefined ? '' : new URLSearchParams({ biz_content }).toString(),
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

const common = (method: string) => ({ app_id: APP_ID, method, format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', timestamp: '2026-11-22 10:00:00', version: '1.0' });

/** Splits the envelope by hand and checks the signature over the inner text with gateway-public.pem. */
function openEnvelope(text: string, responseKey: string): Record<string, unknown> {
  const m = new RegExp(`^\\{"${responseKey}":(\\{.*\\}),"sign":"([A-Za-z0-9+/=]+)"\\}$`).exec(text);
  if (!m) throw new Error(`not an Alipay envelope: ${text}`);
  const [, inner, sign] = m as unknown as [string, string, string];
  expect(createVerify('RSA-SHA256').update(inner, 'utf8').verify(keys.gatewayPublicKey, sign, 'base64')).toBe(true);
  return JSON.parse(inner) as Record<string, unknown>;
}

describe('request signatures', () => {
  it('refuses a request signed with another key (isv.invalid-signature) and creates no trade', async () => {
    const gw = await startGateway();
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const no = newOutTradeNo();
    const a = await pay(till(gw.url, { privateKey: stranger }), { outTradeNo: no, authCode: codeFor('00') });
    expect(a).toMatchObject({ code: '40002', msg: 'Invalid Arguments', subCode: 'isv.invalid-signature' });
    expect(gw.chargeCount(no)).toBe(0);
    expect((await query(till(gw.url), no)).subCode).toBe('ACQ.TRADE_NOT_EXIST');
  });

  it('accepts a hand-signed request and answers with the exact envelope, signed over the inner JSON text', async () => {
    const gw = await startGateway();
    const no = newOutTradeNo();
    const r = await rawCall(gw.url, { ...common('alipay.trade.pay'), biz_content: JSON.stringify({ out_trade_no: no, scene: 'bar_code', auth_code: codeFor('00'), total_amount: '8.80', subject: '豆浆 油条' }) });
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json; charset=utf-8');
    const inner = openEnvelope(r.text, 'alipay_trade_pay_response');
    expect(inner).toMatchObject({ code: '10000', msg: 'Success', out_trade_no: no, total_amount: '8.80', buyer_pay_amount: '8.80' });
    expect(Object.keys(inner).slice(0, 2)).toEqual(['code', 'msg']);
  });

  it('refuses a request whose signature is missing or was made over other values', async () => {
    const gw = await startGateway();
    const params = { ...common('alipay.trade.query'), biz_content: JSON.stringify({ out_trade_no: 'X1' }) };
    const unsigned = openEnvelope((await rawCall(gw.url, params, { sign: false })).text, 'alipay_trade_query_response');
    expect(unsigned).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
    // Signed, then one value changed in transit:
    const signText = Object.keys(params).sort().map((k) => `${k}=${params[k as keyof typeof params]}`).join('&');
    const sign = createSign('RSA-SHA256').update(signText, 'utf8').sign(keys.tillPrivateKey, 'base64');
    const res = await fetch(`${gw.url}?${new URLSearchParams({ ...common('alipay.trade.query'), sign, timestamp: '2026-11-22 10:00:01' })}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ biz_content: params.biz_content }).toString(),
    });
    expect(openEnvelope(await res.text(), 'alipay_trade_query_response')).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
  });

  it('refuses a signed empty parameter, as Alipay leaves empty values out of the text it verifies', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const a = (await sdk.exec('alipay.trade.query', { appAuthToken: '', bizContent: { out_trade_no: 'X1' } }, { validateSign: true })) as Record<string, unknown>;
    expect(a).toMatchObject({ code: '40002', subCode: 'isv.invalid-signature' });
    const b = (await sdk.exec('alipay.trade.query', { appAuthToken: 'token-1', bizContent: { out_trade_no: 'X1' } }, { validateSign: true })) as Record<string, unknown>;
    expect(b).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' });
  });
});

describe('argument errors', () => {
  it('answers 40001 for a missing method, app_id or biz_content', async () => {
    const gw = await startGateway();
    const { method: _m, ...noMethod } = common('alipay.trade.query');
    expect(openEnvelope((await rawCall(gw.url, { ...noMethod, biz_content: '{}' })).text, 'error_response'))
      .toMatchObject({ code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-method' });
    const { app_id: _a, ...noAppId } = common('alipay.trade.query');
    expect(openEnvelope((await rawCall(gw.url, { ...noAppId, biz_content: '{}' })).text, 'alipay_trade_query_response'))
      .toMatchObject({ code: '40001', sub_code: 'isv.missing-app-id' });
    expect(await till(gw.url).exec('alipay.trade.query', {}, { validateSign: true })).toMatchObject({ code: '40001', subCode: 'isv.missing-biz-content' });
  });

  it('answers isv.invalid-method for a method it does not speak', async () => {
    const gw = await startGateway();
    expect(await call(till(gw.url), 'alipay.trade.nonsense', { out_trade_no: 'X1' })).toMatchObject({ code: '40002', subCode: 'isv.invalid-method' });
  });

  it.each(['12.345', '0', '0.00', '-1.00', '100000000.01', '1e3', ' 12.00', '12.', 'abc'])('refuses total_amount %j with isv.invalid-parameter and charges nothing', async (amount) => {
    const gw = await startGateway();
    const no = newOutTradeNo();
    expect(await pay(till(gw.url), { outTradeNo: no, authCode: codeFor('00'), totalAmount: amount })).toMatchObject({ code: '40002', subCode: 'isv.invalid-parameter' });
    expect(gw.chargeCount(no)).toBe(0);
  });

  it('takes the smallest and the largest amounts Alipay allows', async () => {
    const gw = await startGateway();
    for (const amount of ['0.01', '100000000.00', '7', '7.5']) {
      expect(await pay(till(gw.url), { outTradeNo: newOutTradeNo(), authCode: codeFor('00'), totalAmount: amount })).toMatchObject({ code: '10000' });
    }
  });

  it('refuses a pay that is not scene bar_code or has no auth_code', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const base = { out_trade_no: newOutTradeNo(), total_amount: '1.00', subject: 'x' };
    expect(await call(sdk, 'alipay.trade.pay', { ...base, scene: 'wave_code', auth_code: codeFor('00') })).toMatchObject({ code: '40002', subCode: 'isv.invalid-parameter' });
    expect(await call(sdk, 'alipay.trade.pay', { ...base, scene: 'bar_code' })).toMatchObject({ code: '40002', subCode: 'isv.invalid-parameter' });
    expect(gw.chargeCount(base.out_trade_no)).toBe(0);
  });
});

describe('idempotent trade.pay', () => {
  it('does not charge a paid trade twice: the repeat answers ACQ.TRADE_HAS_SUCCESS', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    const first = await pay(sdk, { outTradeNo: no, authCode: codeFor('00') });
    const again = await pay(sdk, { outTradeNo: no, authCode: codeFor('00') });
    expect(again).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_HAS_SUCCESS', tradeNo: first.tradeNo });
    expect(gw.chargeCount(no)).toBe(1);
  });

  it('answers 10003 again for a waiting trade, and ACQ.CONTEXT_INCONSISTENT for another amount', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    const first = await pay(sdk, { outTradeNo: no, authCode: codeFor('02') });
    expect(await pay(sdk, { outTradeNo: no, authCode: codeFor('02') })).toMatchObject({ code: '10003', tradeNo: first.tradeNo });
    expect(await pay(sdk, { outTradeNo: no, authCode: codeFor('02'), totalAmount: '99.00' })).toMatchObject({ code: '40004', subCode: 'ACQ.CONTEXT_INCONSISTENT' });
    expect(gw.chargeCount(no)).toBe(0);
  });

  it('refuses a pay for an out_trade_no cancelled before the pay arrived (ACQ.TRADE_HAS_CLOSE)', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    expect(await cancel(sdk, no)).toMatchObject({ code: '10000', action: 'close', retryFlag: 'N', outTradeNo: no });
    expect(await pay(sdk, { outTradeNo: no, authCode: codeFor('00') })).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_HAS_CLOSE' });
    expect(gw.chargeCount(no)).toBe(0);
    expect((await query(sdk, no)).subCode).toBe('ACQ.TRADE_NOT_EXIST');
  });
});

describe('the request log', () => {
  it('lists each call with its method and out_trade_no, stamped by the injected clock', async () => {
    const gw = await startGateway({ now: () => 1_795_000_000_000 });
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    await pay(sdk, { outTradeNo: no, authCode: codeFor('00') });
    await query(sdk, no);
    expect(gw.requests().map(({ biz: _biz, ...r }) => r)).toEqual([
      { method: 'alipay.trade.pay', outTradeNo: no, at: 1_795_000_000_000 },
      { method: 'alipay.trade.query', outTradeNo: no, at: 1_795_000_000_000 },
    ]);
    // Each record also carries the call's biz_content as it arrived (issue 12: tests read its fields).
    expect(gw.requests()[0]!.biz).toMatchObject({ out_trade_no: no, scene: 'bar_code', total_amount: expect.any(String) });
  });
});
