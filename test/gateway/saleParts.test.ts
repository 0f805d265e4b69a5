// Issue 12 part B over real HTTP: the undiscountable part and the signed-in cashier reach the
// training gateways on every request type, store and terminal ids with them; the Alipay training
// gateway discounts only the discountable part; the journal keeps both per attempt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkout } from '../../app/checkout/Checkout.ts';
import { readPaidDetail } from '../../app/common/paidAmounts.ts';
import { AlipayGateway } from '../../app/gateway/AlipayGateway.ts';
import { loadTrainingKeys, startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { shanghaiDay } from '../../app/common/time.ts';
import { trainingBillRows } from '../../app/gateway/training/bill-file.ts';
import { TradeStore } from '../../app/gateway/training/trade-store.ts';
import { code } from '../helpers/trainingTill.ts';
import { adapter, startSim, wxCode } from './wechat/fixture.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function alipayTill(): Promise<{ sim: TrainingGateway; journal: SqliteJournal; checkout: Checkout; gateway: AlipayGateway; storePath: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'till-parts-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const keys = loadTrainingKeys();
  const sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db') });
  cleanups.push(() => sim.close());
  const gateway = new AlipayGateway({
    appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: sim.url, requestTimeoutMs: 3000, training: true,
    storeId: 'NJ001', terminalId: 'POS-07', operatorId: 'config-op',
  });
  const journal = new SqliteJournal(join(dir, 'journal.db'));
  cleanups.push(() => journal.close());
  const checkout = new Checkout({ journal, gateway, waitSeconds: 3, pollIntervalMs: 100, cancelRetryDelayMs: 50, qrTimeoutSeconds: 60 });
  return { sim, journal, checkout, gateway, storePath: join(dir, 'gateway.db') };
}

const bizOf = (sim: TrainingGateway, method: string, outTradeNo: string) => sim.requests().find((r) => r.method === method && r.outTradeNo === outTradeNo)?.biz;

describe('Alipay: undiscountable part and cashier on the wire (issue 12)', () => {
  it('trade.pay carries undiscountable_amount, discountable_amount = total − it, the cashier as operator_id, store and terminal ids; journal keeps both', async () => {
    const t = await alipayTill();
    const r = await t.checkout.pay({ amount: '12.00', code: code('00'), undiscountable: '10.00', cashier: 'C007' });
    expect(r.status).toBe('SUCCESS');
    expect(bizOf(t.sim, 'alipay.trade.pay', r.outTradeNo)).toMatchObject({
      total_amount: '12.00', undiscountable_amount: '10.00', discountable_amount: '2.00', operator_id: 'C007', store_id: 'NJ001', terminal_id: 'POS-07',
    });
    const a = t.journal.getAttempt(r.outTradeNo)!;
    expect(a.undiscountableFen).toBe(1000);
    expect(a.cashier).toBe('C007');
    expect(r).toMatchObject({ undiscountableFen: 1000, cashier: 'C007' });
    expect(t.journal.events(r.outTradeNo)[0]!.data).toMatchObject({ undiscountableFen: 1000, cashier: 'C007' });
  });

  it('sends neither part when the whole sale is discountable, and the configured operator when nobody is signed in', async () => {
    const t = await alipayTill();
    const r = await t.checkout.pay({ amount: '12.00', code: code('00') });
    const biz = bizOf(t.sim, 'alipay.trade.pay', r.outTradeNo)!;
    expect(biz).not.toHaveProperty('undiscountable_amount');
    expect(biz).not.toHaveProperty('discountable_amount');
    expect(biz.operator_id).toBe('config-op');
    expect(t.journal.getAttempt(r.outTradeNo)).toMatchObject({ undiscountableFen: 0, cashier: null });
  });

  it('an all-undiscountable sale sends undiscountable_amount = total and no 0.00 discountable_amount', async () => {
    const t = await alipayTill();
    const r = await t.checkout.pay({ amount: '25.00', code: code('13'), undiscountable: '25.00' });
    expect(r.status).toBe('SUCCESS');
    const biz = bizOf(t.sim, 'alipay.trade.pay', r.outTradeNo)!;
    expect(biz.undiscountable_amount).toBe('25.00');
    expect(biz).not.toHaveProperty('discountable_amount');
    // The 2.00 merchant voucher has nothing it may touch: the customer pays everything.
    const d = readPaidDetail(t.journal.getAttempt(r.outTradeNo)!.paidDetail)!;
    expect(d.buyerPayFen).toBe(2500);
    expect(d.discounts).toEqual([]);
  });

  it('the training discount applies only to the discountable part: a 2.00 voucher takes 1.00 off when only 1.00 may be discounted', async () => {
    const t = await alipayTill();
    // Same code behaviour (…13: 2.00 merchant voucher), with and without the undiscountable part.
    const whole = await t.checkout.pay({ amount: '12.00', code: code('13') });
    const parted = await t.checkout.pay({ amount: '12.00', code: code('13', '2876344382566440'), undiscountable: '11.00' });
    const dw = readPaidDetail(t.journal.getAttempt(whole.outTradeNo)!.paidDetail)!;
    const dp = readPaidDetail(t.journal.getAttempt(parted.outTradeNo)!.paidDetail)!;
    expect(dw.buyerPayFen).toBe(1000);
    expect(dw.receiptFen).toBe(1000);
    expect(dp.buyerPayFen).toBe(1100);
    expect(dp.receiptFen).toBe(1100);
    expect(dp.discounts.map((x) => x.amountFen)).toEqual([100]);
    // A query answers the same split, and the day's bill books it (the reconciliation then agrees).
    const q = await t.gateway.query(parted.outTradeNo);
    expect(q.kind === 'status' && q.paidDetail?.buyerPayFen).toBe(1100);
    const store = new TradeStore(t.storePath);
    try {
      const row = trainingBillRows(store.bills, shanghaiDay(Date.now())).find((x) => x.outTradeNo === parted.outTradeNo)!;
      expect(row).toMatchObject({ amountFen: 1200, merchantDiscountFen: 100, receivedFen: 1100 });
    } finally {
      store.close();
    }
  });

  it('precreate (QR) carries the parts, the cashier, store and terminal ids; refund carries store and terminal ids', async () => {
    const t = await alipayTill();
    const started = t.checkout.qr.start({ amount: '30.00', undiscountable: '8.50', cashier: 'C002' });
    let no: string | undefined;
    for (let i = 0; i < 200 && !no; i++) {
      no = t.checkout.qr.activeOutTradeNo;
      if (!no || !bizOf(t.sim, 'alipay.trade.precreate', no)) {
        no = undefined;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(no).toBeDefined();
    expect(bizOf(t.sim, 'alipay.trade.precreate', no!)).toMatchObject({
      total_amount: '30.00', undiscountable_amount: '8.50', discountable_amount: '21.50', operator_id: 'C002', store_id: 'NJ001', terminal_id: 'POS-07',
    });
    t.sim.simulateQrScan(no!);
    const r = await started;
    expect(r.status).toBe('SUCCESS');
    expect(t.journal.getAttempt(r.outTradeNo)).toMatchObject({ method: 'qr', undiscountableFen: 850, cashier: 'C002' });
    const refund = await t.checkout.refund(r.outTradeNo, '1.00');
    expect(refund.status).toBe('SUCCESS');
    expect(t.sim.requests().find((x) => x.method === 'alipay.trade.refund')?.biz).toMatchObject({ store_id: 'NJ001', terminal_id: 'POS-07' });
  });

  it('refuses, before anything is journaled or sent: more than the total, three decimals, not an amount, a bad cashier id', async () => {
    const t = await alipayTill();
    const before = t.sim.requests().length;
    await expect(t.checkout.pay({ amount: '12.00', code: code('00'), undiscountable: '12.01' })).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    await expect(t.checkout.pay({ amount: '12.00', code: code('00'), undiscountable: '1.001' })).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    await expect(t.checkout.pay({ amount: '12.00', code: code('00'), undiscountable: 'abc' })).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    await expect(t.checkout.pay({ amount: '12.00', code: code('00'), cashier: 'has space' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(t.checkout.qr.start({ amount: '12.00', undiscountable: '99' })).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    expect(t.sim.requests().length).toBe(before);
    expect(t.journal.listAttempts({})).toEqual([]);
  });

  it('the training gateway refuses parts that do not add up to the total (40002), as Alipay would', async () => {
    const t = await alipayTill();
    // A request built by hand: the till itself never sends this.
    const sdkGateway = t.gateway as unknown as { pay: AlipayGateway['pay'] };
    const o = await sdkGateway.pay({ outTradeNo: 'TRPARTS0001', authCode: code('00'), amountFen: 1000 as never, subject: 't', payTimeoutMinutes: 5, undiscountableFen: 1200 });
    expect(o.kind).toBe('config-error');
  });
});

describe('WeChat: the cashier and the till in codepay (issue 12)', () => {
  it('sends scene_info.store_info.id and device_id, and the cashier in attach (no operator field in scene_info); no undiscountable field', async () => {
    const sim = await startSim();
    const gw = adapter(sim.url);
    const o = await gw.pay({ outTradeNo: 'TWPARTS0001', authCode: wxCode('00'), amountFen: 1200 as never, subject: '烟', payTimeoutMinutes: 5, undiscountableFen: 1000, operatorId: 'C007' });
    expect(o.kind).toBe('paid');
    const rec = sim.requests().find((r) => r.route === 'codepay' && r.outTradeNo === 'TWPARTS0001')!;
    expect(rec.scene).toEqual({ store_info: { id: 'S01' }, device_id: 'T01' });
    expect(rec.attach).toBe('operator_id=C007');
  });

  it('sends no attach when nobody is signed in', async () => {
    const sim = await startSim();
    const o = await adapter(sim.url).pay({ outTradeNo: 'TWPARTS0002', authCode: wxCode('00'), amountFen: 500 as never, subject: 't', payTimeoutMinutes: 5 });
    expect(o.kind).toBe('paid');
    expect(sim.requests().find((r) => r.route === 'codepay')!.attach).toBeUndefined();
  });
});

describe('refunds carry the cashier who makes them (issue 12)', () => {
  it('Alipay: the refunding cashier is operator_id (not the payment\'s, not the configured one); journaled on the refund', async () => {
    const t = await alipayTill();
    const r = await t.checkout.pay({ amount: '9.00', code: code('00'), cashier: 'C001' });
    expect(r.status).toBe('SUCCESS');
    const refund = await t.checkout.refund(r.outTradeNo, '2.00', { cashier: 'M002' });
    expect(refund).toMatchObject({ status: 'SUCCESS', cashier: 'M002' });
    expect(t.sim.requests().find((x) => x.method === 'alipay.trade.refund')?.biz).toMatchObject({ operator_id: 'M002' });
    expect(t.journal.refundsFor(r.outTradeNo)).toMatchObject([{ cashier: 'M002' }]);
    expect(t.journal.events(r.outTradeNo).find((e) => e.type === 'refund-created')?.data).toMatchObject({ cashier: 'M002' });
  });

  it('WeChat: no operator field on the refund, so the cashier is kept in the journal only', async () => {
    const sim = await startSim();
    const dir = mkdtempSync(join(tmpdir(), 'till-wx-refund-'));
    const journal = new SqliteJournal(join(dir, 'journal.db'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => journal.close());
    const checkout = new Checkout({ journal, gateway: adapter(sim.url), waitSeconds: 3, pollIntervalMs: 100, cancelRetryDelayMs: 50 });
    const r = await checkout.pay({ amount: '5.00', code: wxCode('00'), cashier: 'C001' });
    expect(r.status).toBe('SUCCESS');
    const refund = await checkout.refund(r.outTradeNo, '5.00', { cashier: 'M002' });
    expect(refund).toMatchObject({ status: 'SUCCESS', cashier: 'M002' });
    expect(sim.refundCount(r.outTradeNo)).toBe(1);
    expect(journal.refundsFor(r.outTradeNo)).toMatchObject([{ cashier: 'M002', state: 'SUCCESS' }]);
  });
});

describe('WeChat Native QR: the cashier and the till (issue 12)', () => {
  it('sends scene_info with store and device and the cashier in attach', async () => {
    const sim = await startSim();
    const gw = adapter(sim.url, { notifyUrl: 'https://hq.example.com/wechat/notify' });
    const o = await gw.precreate({ outTradeNo: 'TWPARTSQR01', amountFen: 1200 as never, subject: 't', expiresAtMs: Date.now() + 120_000, timeoutMinutes: 2, undiscountableFen: 200, operatorId: 'C009' });
    expect(o.kind).toBe('qr');
    const rec = sim.requests().find((r) => r.route === 'native' && r.outTradeNo === 'TWPARTSQR01')!;
    expect(rec.scene).toMatchObject({ store_info: { id: 'S01' }, device_id: 'T01' });
    expect(rec.attach).toBe('operator_id=C009');
  });
});
