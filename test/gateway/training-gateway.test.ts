// The training gateway's code table, driven by the real alipay-sdk client over real HTTP: each
// behaviour as the till will meet it, checked through the answers and the gateway's charge count.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_TABLE, behaviourForCode } from '../../app/gateway/training/index.ts';
import { cancel, codeFor, manualClock, newOutTradeNo, pay, query, startGateway, till } from './training-fixture.ts';

const times = { paysAfterMs: 3000, slowAnswerMs: 20000 };

describe('code table', () => {
  it('picks the behaviour by the last two digits and pays now for anything unlisted', () => {
    expect(behaviourForCode('287654321012345603', times)).toEqual({ kind: 'declines', subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH', subMsg: '买家余额不足' });
    expect(behaviourForCode('2800000000000000000009', times)).toEqual({ kind: 'cancel-needs-retry', retriesBeforeOk: 2 });
    expect(behaviourForCode('287654321012345601', { paysAfterMs: 7, slowAnswerMs: 9 })).toEqual({ kind: 'waits-then-pays', paysAfterMs: 7 });
    expect(behaviourForCode('287654321012345606', { paysAfterMs: 7, slowAnswerMs: 9 })).toEqual({ kind: 'slow-answer', answerAfterMs: 9 });
    for (const unlisted of ['287654321012345698', '287654321012345699', '287654321012345600', '1']) {
      expect(behaviourForCode(unlisted, times)).toEqual({ kind: 'pays-now' });
    }
  });

  it('gives every row an 18-digit Alipay-looking example code ending in its suffix', () => {
    expect(new Set(CODE_TABLE.map((r) => r.suffix)).size).toBe(CODE_TABLE.length);
    for (const r of CODE_TABLE) {
      expect(r.example).toMatch(/^(2[5-9]|30)\d{16}$/);
      expect(r.example.endsWith(r.suffix)).toBe(true);
    }
  });
});

describe('trade.pay through the real client', () => {
  it('…00 pays at once with the fields a receipt needs, charged once', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    const a = await pay(sdk, { outTradeNo: no, authCode: codeFor('00'), totalAmount: '12.34' });
    expect(a).toMatchObject({ code: '10000', msg: 'Success', outTradeNo: no, totalAmount: '12.34', receiptAmount: '12.34', buyerPayAmount: '12.34' });
    expect(a.tradeNo).toMatch(/^\d{28}$/);
    expect(a.buyerLogonId).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
    expect(a.buyerUserId).toMatch(/^2088\d{12}$/);
    expect(a.gmtPayment).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(a.fundBillList).toEqual([{ fundChannel: 'ALIPAYACCOUNT', amount: '12.34' }]);
    expect(gw.chargeCount(no)).toBe(1);
    const q = await query(sdk, no);
    expect(q).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS', tradeNo: a.tradeNo, totalAmount: '12.34', buyerUserId: a.buyerUserId, sendPayDate: a.gmtPayment });
  });

  it('gives each trade its own trade_no', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const a = await pay(sdk, { outTradeNo: newOutTradeNo(), authCode: codeFor('00') });
    const b = await pay(sdk, { outTradeNo: newOutTradeNo(), authCode: codeFor('00') });
    expect(a.tradeNo).not.toBe(b.tradeNo);
  });

  it('…01 waits for the buyer (10003) and pays once the clock passes paysAfterMs, charging once', async () => {
    const clock = manualClock();
    const gw = await startGateway({ now: clock.now, paysAfterMs: 4000 });
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    const a = await pay(sdk, { outTradeNo: no, authCode: codeFor('01') });
    expect(a).toMatchObject({ code: '10003', msg: 'order success pay inprocess', outTradeNo: no });
    expect(a.tradeNo).toMatch(/^\d{28}$/);
    expect(await query(sdk, no)).toMatchObject({ code: '10000', tradeStatus: 'WAIT_BUYER_PAY', tradeNo: a.tradeNo });
    expect(gw.chargeCount(no)).toBe(0);
    clock.advance(3999);
    expect((await query(sdk, no)).tradeStatus).toBe('WAIT_BUYER_PAY');
    clock.advance(1);
    const paid = await query(sdk, no);
    expect(paid).toMatchObject({ tradeStatus: 'TRADE_SUCCESS', totalAmount: '12.34' });
    expect(paid.buyerUserId).toMatch(/^2088\d{12}$/);
    expect((await query(sdk, no)).tradeStatus).toBe('TRADE_SUCCESS');
    expect(gw.chargeCount(no)).toBe(1);
  });

  it('…02 never pays: still waiting an hour later, and cancel closes it without a charge', async () => {
    const clock = manualClock();
    const gw = await startGateway({ now: clock.now });
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    expect((await pay(sdk, { outTradeNo: no, authCode: codeFor('02') })).code).toBe('10003');
    clock.advance(3600_000);
    expect((await query(sdk, no)).tradeStatus).toBe('WAIT_BUYER_PAY');
    expect(await cancel(sdk, no)).toMatchObject({ code: '10000', action: 'close', retryFlag: 'N', outTradeNo: no });
    expect((await query(sdk, no)).tradeStatus).toBe('TRADE_CLOSED');
    expect(gw.chargeCount(no)).toBe(0);
  });

  it.each([
    ['03', 'ACQ.BUYER_BALANCE_NOT_ENOUGH', '买家余额不足'],
    ['04', 'ACQ.PAYMENT_AUTH_CODE_INVALID', '付款码无效，请刷新'],
    ['11', 'ACQ.PAYMENT_REQUEST_HAS_RISK', undefined],
  ])('…%s declines with %s, charges nothing, and query says TRADE_CLOSED', async (suffix, subCode, subMsg) => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    const a = await pay(sdk, { outTradeNo: no, authCode: codeFor(suffix) });
    expect(a).toMatchObject({ code: '40004', msg: 'Business Failed', subCode });
    if (subMsg) expect(a.subMsg).toBe(subMsg);
    else expect(a.subMsg).toEqual(expect.any(String));
    expect(gw.chargeCount(no)).toBe(0);
    expect((await query(sdk, no)).tradeStatus).toBe('TRADE_CLOSED');
  });

  it('…05 answers 20000 ACQ.SYSTEM_ERROR although the buyer paid: query finds TRADE_SUCCESS', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    expect(await pay(sdk, { outTradeNo: no, authCode: codeFor('05') })).toMatchObject({ code: '20000', msg: 'Service Currently Unavailable', subCode: 'ACQ.SYSTEM_ERROR' });
    expect(await query(sdk, no)).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS' });
    expect(gw.chargeCount(no)).toBe(1);
  });

  it('…06 charges at once but answers late: a client that times out sees an error, query sees TRADE_SUCCESS', async () => {
    const gw = await startGateway({ slowAnswerMs: 600_000 });
    const no = newOutTradeNo();
    await expect(pay(till(gw.url, { timeoutMs: 300 }), { outTradeNo: no, authCode: codeFor('06') })).rejects.toThrow(/timeout/i);
    expect(await query(till(gw.url), no)).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS' });
    expect(gw.chargeCount(no)).toBe(1);
  });

  it('…06 sends the late answer, signed and paid, to a client that waits for it', async () => {
    const gw = await startGateway({ slowAnswerMs: 50 });
    const no = newOutTradeNo();
    expect(await pay(till(gw.url), { outTradeNo: no, authCode: codeFor('06') })).toMatchObject({ code: '10000', outTradeNo: no, totalAmount: '12.34' });
  });

  it('…06 close() ends a pending late answer instead of waiting for it', async () => {
    const gw = await startGateway({ slowAnswerMs: 600_000 });
    const no = newOutTradeNo();
    const pending = pay(till(gw.url, { timeoutMs: 600_000 }), { outTradeNo: no, authCode: codeFor('06') });
    const outcome = pending.then(() => 'answered', () => 'failed');
    await expect.poll(() => gw.requests().some((r) => r.outTradeNo === no)).toBe(true);
    await gw.close();
    expect(await outcome).toBe('failed');
  });

  it('…07 charges then drops the connection: exec throws, query says TRADE_SUCCESS, charged once', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    await expect(pay(sdk, { outTradeNo: no, authCode: codeFor('07') })).rejects.toThrow(/HttpClient Request error/);
    // urllib re-sends a POST whose socket dropped; the repeat must not charge again.
    expect(gw.requests().filter((r) => r.method === 'alipay.trade.pay' && r.outTradeNo === no).length).toBeGreaterThanOrEqual(1);
    expect(await query(sdk, no)).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS', outTradeNo: no });
    expect(gw.chargeCount(no)).toBe(1);
  });

  it('…08 forges a paid answer: validateSign makes exec throw; the trade was never paid', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    await expect(pay(sdk, { outTradeNo: no, authCode: codeFor('08') })).rejects.toThrow(/验签失败/);
    // The same kind of answer from a real behaviour passes the check, so it is the key that fails.
    expect((await pay(sdk, { outTradeNo: newOutTradeNo(), authCode: codeFor('00') })).code).toBe('10000');
    // Without the check the forgery would have been believed:
    const unchecked = (await sdk.exec('alipay.trade.pay', { bizContent: { out_trade_no: newOutTradeNo(), scene: 'bar_code', auth_code: codeFor('08'), total_amount: '1.00', subject: 'x' } })) as Record<string, unknown>;
    expect(unchecked).toMatchObject({ code: '10000', totalAmount: '1.00' });
    expect(await query(sdk, no)).toMatchObject({ code: '10000', tradeStatus: 'WAIT_BUYER_PAY' });
    expect(gw.chargeCount(no)).toBe(0);
  });

  it('…09 never pays, and needs its cancel retried twice (retry_flag Y) before it closes', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    expect((await pay(sdk, { outTradeNo: no, authCode: codeFor('09') })).code).toBe('10003');
    for (let i = 0; i < 2; i++) {
      expect(await cancel(sdk, no)).toMatchObject({ code: '40004', subCode: 'ACQ.SYSTEM_ERROR', retryFlag: 'Y', outTradeNo: no });
      expect((await query(sdk, no)).tradeStatus).toBe('WAIT_BUYER_PAY');
    }
    expect(await cancel(sdk, no)).toMatchObject({ code: '10000', action: 'close', retryFlag: 'N' });
    expect(await cancel(sdk, no)).toMatchObject({ code: '10000', action: 'close', retryFlag: 'N' });
    expect((await query(sdk, no)).tradeStatus).toBe('TRADE_CLOSED');
    expect(gw.chargeCount(no)).toBe(0);
  });

  it('…10 charges the right amount but reports total_amount one yuan more in pay and query', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    expect(await pay(sdk, { outTradeNo: no, authCode: codeFor('10'), totalAmount: '12.34' })).toMatchObject({ code: '10000', totalAmount: '13.34' });
    expect(await query(sdk, no)).toMatchObject({ tradeStatus: 'TRADE_SUCCESS', totalAmount: '13.34' });
    expect(gw.chargeCount(no)).toBe(1);
  });

  it('lets behaviourFor override the code table', async () => {
    const seen: string[] = [];
    const gw = await startGateway({ behaviourFor: (code) => { seen.push(code); return { kind: 'never-pays' }; } });
    const no = newOutTradeNo();
    expect((await pay(till(gw.url), { outTradeNo: no, authCode: codeFor('00') })).code).toBe('10003');
    expect(seen).toEqual([codeFor('00')]);
  });
});

describe('docs/training-gateway.md', () => {
  it('documents the code table the gateway uses: each example code has the behaviour its row names', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/training-gateway.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d\d) \| `(\d+)` \| ([a-z-]+) \|/gm)];
    expect(rows.map((r) => r[1])).toEqual(CODE_TABLE.map((r) => r.suffix));
    for (const [, suffix, example, kind] of rows) {
      expect(example).toMatch(new RegExp(`^28\\d{14}${suffix}$`));
      expect(behaviourForCode(example!, times).kind).toBe(kind);
    }
  });
});
