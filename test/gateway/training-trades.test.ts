// After the pay: cancel, close, refunds, refund queries, QR (precreate) trades, and state that
// lives in the SQLite store across restarts and between gateways sharing one file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, cancel, codeFor, manualClock, newOutTradeNo, pay, query, startGateway, tempDir, till } from './training-fixture.ts';
import type { AlipaySdk } from 'alipay-sdk';

const refund = (sdk: AlipaySdk, outTradeNo: string, amount: string, outRequestNo?: string) =>
  call(sdk, 'alipay.trade.refund', { out_trade_no: outTradeNo, refund_amount: amount, ...(outRequestNo ? { out_request_no: outRequestNo } : {}) });
const refundQuery = (sdk: AlipaySdk, outTradeNo: string, outRequestNo: string) =>
  call(sdk, 'alipay.trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: outRequestNo });
const close = (sdk: AlipaySdk, outTradeNo: string) => call(sdk, 'alipay.trade.close', { out_trade_no: outTradeNo });

describe('trade.cancel', () => {
  it('refunds a paid trade (action refund), closes it, and says refund again when repeated', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    const paid = await pay(sdk, { outTradeNo: no, authCode: codeFor('00') });
    expect(await cancel(sdk, no)).toMatchObject({ code: '10000', action: 'refund', retryFlag: 'N', tradeNo: paid.tradeNo, outTradeNo: no });
    expect((await query(sdk, no)).tradeStatus).toBe('TRADE_CLOSED');
    expect(await cancel(sdk, no)).toMatchObject({ code: '10000', action: 'refund', retryFlag: 'N' });
    // The refund returned the money; it did not take any more.
    expect(gw.chargeCount(no)).toBe(1);
    expect(await refund(sdk, no, '0.01')).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' });
  });

  it('finds the trade by trade_no as well, and answers TRADE_NOT_EXIST for an unknown trade_no', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    const waiting = await pay(sdk, { outTradeNo: no, authCode: codeFor('02') });
    expect(await call(sdk, 'alipay.trade.query', { trade_no: waiting.tradeNo })).toMatchObject({ outTradeNo: no, tradeStatus: 'WAIT_BUYER_PAY' });
    expect(await call(sdk, 'alipay.trade.cancel', { trade_no: '2026112222001499999999999999' })).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' });
    expect(await call(sdk, 'alipay.trade.cancel', { trade_no: waiting.tradeNo })).toMatchObject({ code: '10000', action: 'close', outTradeNo: no });
  });
});

describe('trade.close', () => {
  it('closes a waiting trade, refuses a paid one, and does not know an unknown one', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const waiting = newOutTradeNo();
    const paid = newOutTradeNo();
    await pay(sdk, { outTradeNo: waiting, authCode: codeFor('02') });
    await pay(sdk, { outTradeNo: paid, authCode: codeFor('00') });
    expect(await close(sdk, waiting)).toMatchObject({ code: '10000', outTradeNo: waiting });
    expect((await query(sdk, waiting)).tradeStatus).toBe('TRADE_CLOSED');
    expect(await close(sdk, paid)).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' });
    expect((await query(sdk, paid)).tradeStatus).toBe('TRADE_SUCCESS');
    expect(await close(sdk, newOutTradeNo())).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' });
  });
});

describe('trade.refund and fastpay.refund.query', () => {
  it('refunds in parts, replays by out_request_no without new money, and refuses more than is left', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    await pay(sdk, { outTradeNo: no, authCode: codeFor('00'), totalAmount: '10.00' });

    expect(await refundQuery(sdk, no, 'R1')).toEqual({ code: '10000', msg: 'Success', outTradeNo: no, outRequestNo: 'R1' });
    const first = await refund(sdk, no, '3.00', 'R1');
    expect(first).toMatchObject({ code: '10000', fundChange: 'Y', refundFee: '3.00', outTradeNo: no });
    expect(first.gmtRefundPay).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await refundQuery(sdk, no, 'R1')).toMatchObject({ code: '10000', refundStatus: 'REFUND_SUCCESS', refundAmount: '3.00', totalAmount: '10.00', outRequestNo: 'R1' });
    expect((await query(sdk, no)).tradeStatus).toBe('TRADE_SUCCESS');

    expect(await refund(sdk, no, '3.00', 'R1')).toMatchObject({ code: '10000', fundChange: 'N', refundFee: '3.00' });
    expect(await refund(sdk, no, '4.00', 'R1')).toMatchObject({ code: '40004', subCode: 'ACQ.PARAM_ILLEGAL' });
    expect(await refund(sdk, no, '7.01', 'R2')).toMatchObject({ code: '40004', subCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' });
    expect(await refundQuery(sdk, no, 'R2')).not.toHaveProperty('refundAmount');

    expect(await refund(sdk, no, '7.00', 'R2')).toMatchObject({ code: '10000', fundChange: 'Y', refundFee: '10.00' });
    expect((await query(sdk, no)).tradeStatus).toBe('TRADE_CLOSED');
    // A replay of the refund that closed the trade still succeeds; a new one cannot.
    expect(await refund(sdk, no, '7.00', 'R2')).toMatchObject({ code: '10000', fundChange: 'N', refundFee: '10.00' });
    expect(await refund(sdk, no, '0.01', 'R3')).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' });
    expect(gw.chargeCount(no)).toBe(1);
  });

  it('keys a refund without out_request_no by the out_trade_no', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    await pay(sdk, { outTradeNo: no, authCode: codeFor('00'), totalAmount: '5.00' });
    expect(await refund(sdk, no, '5.00')).toMatchObject({ code: '10000', fundChange: 'Y', refundFee: '5.00' });
    expect(await refundQuery(sdk, no, no)).toMatchObject({ refundStatus: 'REFUND_SUCCESS', refundAmount: '5.00' });
  });

  it('refuses a refund of a waiting trade and of an unknown one', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    await pay(sdk, { outTradeNo: no, authCode: codeFor('02') });
    expect(await refund(sdk, no, '1.00', 'R1')).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR' });
    expect(await refund(sdk, newOutTradeNo(), '1.00', 'R1')).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' });
    expect(await refund(sdk, no, '1.001', 'R1')).toMatchObject({ code: '40002', subCode: 'isv.invalid-parameter' });
  });
});

describe('trade.precreate (the customer scans the till)', () => {
  it('returns a QR code; the trade exists for query only once scanned, then paid and charged once', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    const no = newOutTradeNo();
    const a = await call(sdk, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '6.60', subject: '奶茶' });
    expect(a).toMatchObject({ code: '10000', outTradeNo: no });
    // The code encodes the training gateway's own scan page, so a test or the cashier can "scan" it (issue 11).
    expect(a.qrCode).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/training\/qr\/\S+$/);
    expect((await query(sdk, no)).subCode).toBe('ACQ.TRADE_NOT_EXIST');
    expect(gw.chargeCount(no)).toBe(0);
    gw.simulateQrScan(no);
    expect(await query(sdk, no)).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS', totalAmount: '6.60' });
    gw.simulateQrScan(no);
    expect(gw.chargeCount(no)).toBe(1);
    expect(await call(sdk, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '6.60', subject: '奶茶' })).toMatchObject({ subCode: 'ACQ.TRADE_HAS_SUCCESS' });
  });

  it('cannot be paid by a scan after the till closed or cancelled it', async () => {
    const gw = await startGateway();
    const sdk = till(gw.url);
    for (const end of [close, cancel]) {
      const no = newOutTradeNo();
      await call(sdk, 'alipay.trade.precreate', { out_trade_no: no, total_amount: '6.60', subject: '奶茶' });
      expect(await end(sdk, no)).toMatchObject({ code: '10000' });
      gw.simulateQrScan(no);
      expect(gw.chargeCount(no)).toBe(0);
    }
    expect(() => gw.simulateQrScan(newOutTradeNo())).toThrow(/no precreated trade/);
  });
});

describe('the store', () => {
  it('keeps trades, refunds and pending payments across a restart on the same file', async () => {
    const storePath = join(tempDir(), 'kept.db');
    const clock = manualClock();
    const first = await startGateway({ storePath, now: clock.now, paysAfterMs: 3000 });
    let sdk = till(first.url);
    const paid = newOutTradeNo();
    const waiting = newOutTradeNo();
    const a = await pay(sdk, { outTradeNo: paid, authCode: codeFor('00'), totalAmount: '9.00' });
    await refund(sdk, paid, '2.00', 'R1');
    await pay(sdk, { outTradeNo: waiting, authCode: codeFor('01') });
    await first.close();

    clock.advance(3000);
    const second = await startGateway({ storePath, now: clock.now });
    sdk = till(second.url);
    expect(await query(sdk, paid)).toMatchObject({ tradeStatus: 'TRADE_SUCCESS', tradeNo: a.tradeNo });
    expect(await refund(sdk, paid, '2.00', 'R1')).toMatchObject({ code: '10000', fundChange: 'N', refundFee: '2.00' });
    expect(await pay(sdk, { outTradeNo: paid, authCode: codeFor('00'), totalAmount: '9.00' })).toMatchObject({ subCode: 'ACQ.TRADE_HAS_SUCCESS' });
    // The pay time was stored with the trade, so the restarted gateway settles it.
    expect((await query(sdk, waiting)).tradeStatus).toBe('TRADE_SUCCESS');
    expect(second.chargeCount(paid)).toBe(1);
    expect(second.chargeCount(waiting)).toBe(1);
    // Trade numbers continue rather than restart.
    const next = await pay(sdk, { outTradeNo: newOutTradeNo(), authCode: codeFor('00') });
    expect(next.tradeNo).not.toBe(a.tradeNo);
  });

  it('is shared by two gateways on one file: a trade paid through one is known to the other', async () => {
    const storePath = join(tempDir(), 'shared.db');
    const one = await startGateway({ storePath });
    const two = await startGateway({ storePath });
    const no = newOutTradeNo();
    await pay(till(one.url), { outTradeNo: no, authCode: codeFor('00') });
    expect((await query(till(two.url), no)).tradeStatus).toBe('TRADE_SUCCESS');
    expect(await pay(till(two.url), { outTradeNo: no, authCode: codeFor('00') })).toMatchObject({ subCode: 'ACQ.TRADE_HAS_SUCCESS' });
    expect(one.chargeCount(no)).toBe(1);
  });
});
