// The WeChat adapter against the WeChat training gateway over real HTTP: every row of the code
// table maps to the port's outcome the issue names (test/gateway/wechat/fixture.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Fen } from '../../../app/common/money.ts';
import { responseSignText, rsaSign } from '../../../app/gateway/wechat/signing.ts';
import { TRAINING_APP_ID, TRAINING_PLATFORM_SERIAL, TRAINING_PUB_KEY_ID } from '../../../app/gateway/wechat/training/index.ts';
import { adapter, keys, manualClock, outTradeNo, startSim, wxCode } from './fixture.ts';

const fen = (n: number) => n as Fen;
const payReq = (n: string, code: string, amountFen = 1234) => ({ outTradeNo: n, authCode: code, amountFen: fen(amountFen), subject: '培训商品', payTimeoutMinutes: 5 });

describe('WeChat adapter: codepay by code-table row', () => {
  it('00 pays at once, cross-checked, and the query agrees', async () => {
    const sim = await startSim();
    const g = adapter(sim.url);
    const n = outTradeNo();
    const paid = await g.pay(payReq(n, wxCode('00')));
    expect(paid).toMatchObject({ kind: 'paid', outTradeNo: n, totalFen: 1234 });
    expect((paid as { tradeNo: string }).tradeNo).toMatch(/^4200\d{24}$/);
    expect(await g.query(n)).toMatchObject({ kind: 'status', status: 'paid', outTradeNo: n, totalFen: 1234 });
    expect(sim.chargeCount(n)).toBe(1);
  });

  it('01 answers 202 USERPAYING (waiting), then the query says paid once the buyer confirms', async () => {
    const clock = manualClock();
    const sim = await startSim({ now: clock.now });
    const g = adapter(sim.url, { now: clock.now });
    const n = outTradeNo();
    expect(await g.pay(payReq(n, wxCode('01')))).toEqual({ kind: 'waiting' });
    expect(await g.query(n)).toMatchObject({ kind: 'status', status: 'waiting' });
    clock.advance(400);
    expect(await g.query(n)).toMatchObject({ kind: 'status', status: 'paid', totalFen: 1234 });
  });

  it('02 never confirms: WeChat revokes it itself after 45 s (closed, nothing charged)', async () => {
    const clock = manualClock();
    const sim = await startSim({ now: clock.now });
    const g = adapter(sim.url, { now: clock.now });
    const n = outTradeNo();
    expect((await g.pay(payReq(n, wxCode('02')))).kind).toBe('waiting');
    clock.advance(44_000);
    expect(await g.query(n)).toMatchObject({ status: 'waiting' });
    clock.advance(1000);
    expect(await g.query(n)).toMatchObject({ status: 'closed' });
    expect(sim.chargeCount(n)).toBe(0);
  });

  it.each([
    ['03', 'NOTENOUGH', '顾客余额不足'],
    ['04', 'AUTHCODEEXPIRE', '微信付款码已过期'],
    ['11', 'TRADE_ERROR', '微信支付拒绝了本次交易（风控或账户限制）'],
  ])('%s declines with %s and the cashier\'s next step; the query then says failed', async (suffix, code, reasonZh) => {
    const sim = await startSim();
    const g = adapter(sim.url);
    const n = outTradeNo();
    const o = await g.pay(payReq(n, wxCode(suffix)));
    expect(o).toMatchObject({ kind: 'declined', subCode: code, advice: { reasonZh } });
    expect(await g.query(n)).toMatchObject({ status: 'failed' });
    expect(sim.chargeCount(n)).toBe(0);
  });

  it('05 answers 500 SYSTEM_ERROR while the money was taken: unknown, and the query finds it paid', async () => {
    const sim = await startSim();
    const g = adapter(sim.url);
    const n = outTradeNo();
    expect(await g.pay(payReq(n, wxCode('05')))).toMatchObject({ kind: 'unknown', errorCode: 'GATEWAY_UNKNOWN_OUTCOME' });
    expect(await g.query(n)).toMatchObject({ status: 'paid' });
  });

  it('06 answers after the request timeout: unknown (AbortSignal.timeout), charged once', async () => {
    const sim = await startSim({ slowAnswerMs: 3000 });
    const g = adapter(sim.url, { requestTimeoutMs: 300 });
    const n = outTradeNo();
    const o = await g.pay(payReq(n, wxCode('06')));
    expect(o).toMatchObject({ kind: 'unknown' });
    expect((o as { reason: string }).reason).toMatch(/no answer within 300 ms/);
    expect(await g.query(n)).toMatchObject({ status: 'paid' });
    expect(sim.requests().filter((r) => r.route === 'codepay')).toHaveLength(1);
  });

  it('07 drops the connection after charging: unknown, and nothing re-sends the codepay', async () => {
    const sim = await startSim();
    const g = adapter(sim.url);
    const n = outTradeNo();
    expect(await g.pay(payReq(n, wxCode('07')))).toMatchObject({ kind: 'unknown' });
    expect(sim.requests().filter((r) => r.route === 'codepay')).toHaveLength(1);
    expect(await g.query(n)).toMatchObject({ status: 'paid' });
    expect(sim.chargeCount(n)).toBe(1);
  });

  it('08 a forged SUCCESS (wrong key) is never paid: SIGNATURE_INVALID', async () => {
    const sim = await startSim();
    const g = adapter(sim.url);
    const n = outTradeNo();
    expect(await g.pay(payReq(n, wxCode('08')))).toMatchObject({ kind: 'unknown', errorCode: 'SIGNATURE_INVALID' });
    expect(await g.query(n)).toMatchObject({ status: 'waiting' });
    expect(sim.chargeCount(n)).toBe(0);
  });

  it('10 every answer names a wrong amount: passed on as it is for the till to refuse', async () => {
    const sim = await startSim();
    const g = adapter(sim.url);
    const n = outTradeNo();
    expect(await g.pay(payReq(n, wxCode('10')))).toMatchObject({ kind: 'paid', totalFen: 1334 });
    expect(await g.query(n)).toMatchObject({ status: 'paid', totalFen: 1334 });
  });

  it('a paid answer for another merchant is not paid (mchid cross-check)', async () => {
    // A correctly signed SUCCESS that names someone else's mchid, from a one-answer server.
    const server = createServer((_req, res) => {
      const body = JSON.stringify({ appid: TRAINING_APP_ID, mchid: '1999999999', out_trade_no: 'X', transaction_id: '4200000000000000000000000001', trade_state: 'SUCCESS', amount: { total: 1234 } });
      const ts = String(Math.floor(Date.now() / 1000));
      res.writeHead(200, { 'wechatpay-timestamp': ts, 'wechatpay-nonce': 'N', 'wechatpay-serial': TRAINING_PUB_KEY_ID, 'wechatpay-signature': rsaSign(responseSignText(ts, 'N', body), keys.wechatPayPrivateKey) });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const g = adapter(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect(await g.pay(payReq('X00000001', wxCode('00')))).toMatchObject({ kind: 'unknown', errorCode: 'GATEWAY_MISMATCH' });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('an unknown order is not-found (404 ORDER_NOT_EXIST)', async () => {
    const sim = await startSim();
    expect(await adapter(sim.url).query(outTradeNo())).toEqual({ kind: 'not-found' });
  });

  it('a connection refused is unknown, never a decline', async () => {
    const sim = await startSim();
    const url = sim.url;
    await sim.close();
    expect(await adapter(url).pay(payReq(outTradeNo(), wxCode('00')))).toMatchObject({ kind: 'unknown' });
  });
});

describe('WeChat adapter: answer verification', () => {
  it('SIGNTEST probes fail verification: a probed SUCCESS is unknown, never paid', async () => {
    const sim = await startSim({ signTestProbes: true });
    const g = adapter(sim.url);
    const n = outTradeNo();
    expect(await g.pay(payReq(n, wxCode('00')))).toMatchObject({ kind: 'unknown', errorCode: 'SIGNATURE_INVALID' });
    sim.set({ signTestProbes: false });
    expect(await g.query(n)).toMatchObject({ status: 'paid' });
  });

  it('an answer stamped more than 300 s away is refused; 290 s is accepted', async () => {
    const sim = await startSim({ answerClockSkewMs: 301_000 });
    const g = adapter(sim.url);
    const o = await g.pay(payReq(outTradeNo(), wxCode('00')));
    expect(o).toMatchObject({ kind: 'unknown' });
    expect((o as { reason: string }).reason).toMatch(/300 s/);
    sim.set({ answerClockSkewMs: -290_000 });
    expect(await g.pay(payReq(outTradeNo(), wxCode('00')))).toMatchObject({ kind: 'paid' });
  });

  it('platform-certificate mode: answers follow the certificate serial the till names, verified with the certificate', async () => {
    const sim = await startSim();
    const g = adapter(sim.url, { wechatPayPublicKey: keys.platformCertificate, wechatPayPublicKeyId: TRAINING_PLATFORM_SERIAL });
    expect(await g.pay(payReq(outTradeNo(), wxCode('00')))).toMatchObject({ kind: 'paid' });
  });

  it('a till holding the wrong WeChat Pay key trusts nothing', async () => {
    const sim = await startSim();
    const g = adapter(sim.url, { wechatPayPublicKey: keys.merchantPublicKey });
    expect(await g.pay(payReq(outTradeNo(), wxCode('00')))).toMatchObject({ kind: 'unknown', errorCode: 'SIGNATURE_INVALID' });
  });

  it('a request signed with the wrong merchant key is a config error (401 SIGN_ERROR), nothing charged', async () => {
    const sim = await startSim();
    const g = adapter(sim.url, { privateKey: keys.wechatPayPrivateKey });
    const n = outTradeNo();
    expect(await g.pay(payReq(n, wxCode('00')))).toMatchObject({ kind: 'config-error', code: 'SIGN_ERROR' });
    expect(sim.chargeCount(n)).toBe(0);
  });
});

describe('WeChat adapter: reverse', () => {
  it('refuses to reverse sooner than 15 s after the order; at 15 s closes it', async () => {
    const clock = manualClock();
    const sim = await startSim({ now: clock.now });
    const g = adapter(sim.url, { now: clock.now });
    const n = outTradeNo();
    await g.pay(payReq(n, wxCode('02')));
    clock.advance(14_000);
    expect(await g.cancel(n)).toMatchObject({ kind: 'declined', subCode: 'INVALID_REQUEST' });
    expect(sim.stateOf(n)).toBe('USERPAYING');
    clock.advance(1000);
    expect(await g.cancel(n)).toEqual({ kind: 'cancelled', action: 'close' });
    expect(await g.query(n)).toMatchObject({ status: 'closed' });
  });

  it('09 needs the reverse repeated: 500 → retry, then cancelled', async () => {
    const clock = manualClock();
    const sim = await startSim({ now: clock.now });
    const g = adapter(sim.url, { now: clock.now });
    const n = outTradeNo();
    await g.pay(payReq(n, wxCode('09')));
    clock.advance(15_000);
    expect(await g.cancel(n)).toMatchObject({ kind: 'retry' });
    expect(await g.cancel(n)).toMatchObject({ kind: 'retry' });
    expect(await g.cancel(n)).toEqual({ kind: 'cancelled', action: 'close' });
  });

  it('a paid order reversed is refunded in full (action refund); repeating says so again', async () => {
    const clock = manualClock();
    const sim = await startSim({ now: clock.now });
    const g = adapter(sim.url, { now: clock.now });
    const n = outTradeNo();
    await g.pay(payReq(n, wxCode('00')));
    clock.advance(15_000);
    expect(await g.cancel(n)).toEqual({ kind: 'cancelled', action: 'refund' });
    expect(await g.query(n)).toMatchObject({ status: 'closed', refundedInFull: true });
    expect(await g.cancel(n)).toEqual({ kind: 'cancelled', action: 'refund' });
  });

  it('reverse of an order WeChat never saw is not-found', async () => {
    const sim = await startSim();
    expect(await adapter(sim.url).cancel(outTradeNo())).toEqual({ kind: 'not-found' });
  });
});

describe('WeChat adapter: refunds', () => {
  it('partial refund PROCESSING → refund query SUCCESS; replay is the same refund; over-limit refused; one minute between refunds', async () => {
    const clock = manualClock();
    const sim = await startSim({ now: clock.now });
    const g = adapter(sim.url, { now: clock.now });
    const n = outTradeNo();
    await g.pay(payReq(n, wxCode('00'), 1000));
    expect(await g.refundQuery(n, `${n}R1`)).toEqual({ kind: 'not-found' });
    const r1 = { outTradeNo: n, outRequestNo: `${n}R1`, amountFen: fen(300), totalFen: fen(1000) };
    expect(await g.refund(r1)).toEqual({ kind: 'processing' });
    expect(await g.refundQuery(n, `${n}R1`)).toEqual({ kind: 'refunded', amountFen: 300 });
    expect(await g.refund(r1)).toEqual({ kind: 'refunded' });
    expect(sim.refundCount(n)).toBe(1);
    const r2 = { outTradeNo: n, outRequestNo: `${n}R2`, amountFen: fen(700), totalFen: fen(1000) };
    expect(await g.refund(r2)).toMatchObject({ kind: 'unknown', reason: expect.stringMatching(/FREQUENCY_LIMITED/) });
    clock.advance(60_000);
    expect(await g.refund({ ...r2, amountFen: fen(701) })).toMatchObject({ kind: 'declined', subCode: 'INVALID_REQUEST' });
    expect(await g.refund(r2)).toEqual({ kind: 'processing' });
    expect(await g.query(n)).toMatchObject({ status: 'refunded' });
    expect(sim.refundCount(n)).toBe(2);
  });
});

describe('WeChat adapter: service-provider mode', () => {
  it('uses /v3/pay/partner/… with sp_mchid/sub_mchid, and only finds orders of its own sub-merchant', async () => {
    const sim = await startSim();
    const g = adapter(sim.url, { subMchId: '1900000201', subAppId: 'wx2222222222222222' });
    const n = outTradeNo();
    expect(await g.pay(payReq(n, wxCode('00')))).toMatchObject({ kind: 'paid', outTradeNo: n });
    expect(await g.query(n)).toMatchObject({ status: 'paid' });
    expect(await adapter(sim.url, { subMchId: '1900000999' }).query(n)).toEqual({ kind: 'not-found' });
    expect(await adapter(sim.url).query(n)).toEqual({ kind: 'not-found' });
  });
});
