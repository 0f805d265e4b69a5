// Issue 11, WeChat half, over real HTTP: the till asks the WeChat training gateway for a Native
// code (POST /v3/pay/transactions/native), the customer "scans" it (a POST to the code_url, which
// is the training gateway's scan page), and the till settles it by polling the order query (NOTPAY
// until paid: an existing order, not "no such trade"); on the cashier's cancel or at expiry it
// closes (204), asks once more, and a payment that landed anyway is refunded in full and said so.
import { afterEach, describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import { checkFen } from '../../app/common/money.ts';
import { adapter, outTradeNo, startSim } from '../gateway/wechat/fixture.ts';
import { NOTIFY_URL, qrShown, routes, scan, wechatQrTill, type WechatQrTill } from './wechatTill.ts';

let till: WechatQrTill | undefined;
afterEach(() => {
  till?.close();
  till = undefined;
});

async function open(qrTimeoutSeconds = 5): Promise<WechatQrTill> {
  till = await wechatQrTill({ checkout: { qrTimeoutSeconds } });
  return till;
}

describe('WeChat Native QR payments at the WeChat training gateway', () => {
  it('journals the attempt before the native request, shows a code that pays, and ends SUCCESS with the transaction_id', async () => {
    const t = await open();
    const done = t.checkout.qr.start({ amount: '12.34', provider: 'wechat' });
    const shown = await qrShown(t.changes);
    expect(t.changes[0]!.state).toBe('SENT');
    expect(shown).toMatchObject({ state: 'WAITING', method: 'qr', provider: 'wechat' });
    expect(shown.qr!.code).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/training\/qr\/TR/);
    // A Native order exists at once: the query answers NOTPAY, and the till keeps waiting.
    expect(t.sim.stateOf(shown.outTradeNo)).toBe('NOTPAY');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.journal.getAttempt(shown.outTradeNo)!.state).toBe('WAITING');
    expect(await scan(shown.qr!.code)).toMatchObject({ trade_state: 'SUCCESS', paid: true });
    const r = await done;
    expect(r).toMatchObject({ status: 'SUCCESS', method: 'qr', amountFen: 1234, provider: 'wechat' });
    expect(r.tradeNo).toMatch(/^4200/);
    expect(t.sim.chargeCount(r.outTradeNo)).toBe(1);
    // 顾客实付 (payer_total) is journaled for a QR payment as for a scanned one (issue 12).
    expect(JSON.parse(t.journal.getAttempt(r.outTradeNo)!.paidDetail ?? 'null')).toMatchObject({ totalFen: 1234, buyerPayFen: 1234 });
    expect(routes(t.sim, r.outTradeNo)[0]).toBe('native');
    expect(routes(t.sim, r.outTradeNo)).toContain('query');
    expect(routes(t.sim, r.outTradeNo)).not.toContain('close');
    // scene_info as codepay's, with the payer_client_ip Native needs.
    expect(t.sim.requests().find((x) => x.route === 'native')!.scene).toMatchObject({ payer_client_ip: expect.any(String), store_info: { id: 'S01' }, device_id: 'T01' });
  });

  it('closes an unpaid code at expiry (204, then CLOSED): CANCELLED, nothing charged, and the code no longer pays', async () => {
    const t = await open(3);
    const done = t.checkout.qr.start({ amount: '5.00', provider: 'wechat' });
    const shown = await qrShown(t.changes);
    const r = await done;
    expect(r).toMatchObject({ status: 'CANCELLED', cancelReason: 'expired', cancelAction: 'close' });
    expect(r.error!.messageZh).toContain('未扣款');
    expect(routes(t.sim, r.outTradeNo)).toContain('close');
    expect(t.sim.stateOf(r.outTradeNo)).toBe('CLOSED');
    expect(await scan(shown.qr!.code)).toMatchObject({ paid: false, trade_state: 'CLOSED' });
    expect(t.sim.chargeCount(r.outTradeNo)).toBe(0);
  });

  it("the cashier's cancel closes the code at once; a scanned-but-unpaid code (…97) ends CANCELLED", async () => {
    const t = await open(60);
    const done = t.checkout.qr.start({ amount: '8.97', provider: 'wechat' });
    const shown = await qrShown(t.changes);
    expect(await scan(shown.qr!.code)).toMatchObject({ trade_state: 'NOTPAY', paid: false, scanned: true });
    expect(t.checkout.requestCancel(shown.outTradeNo)).toBe(true);
    const r = await done;
    expect(r).toMatchObject({ status: 'CANCELLED', cancelReason: 'cashier', cancelAction: 'close' });
    expect(t.sim.stateOf(r.outTradeNo)).toBe('CLOSED');
    expect(t.sim.chargeCount(r.outTradeNo)).toBe(0);
  });

  it('a payment that lands after the cancel (…98: the close is accepted but the order stays payable) is kept as paid, refunded in full, and said so', async () => {
    const t = await open(20);
    const done = t.checkout.qr.start({ amount: '6.98', provider: 'wechat' });
    const shown = await qrShown(t.changes);
    t.checkout.requestCancel(shown.outTradeNo);
    // 204, yet the order still answers NOTPAY: the till keeps asking rather than calling it closed.
    while (!routes(t.sim, shown.outTradeNo).includes('close')) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    expect(t.journal.getAttempt(shown.outTradeNo)!.state).toBe('CANCELLING');
    expect(t.sim.simulateQrScan(shown.outTradeNo)).toMatchObject({ paid: true });
    const r = await done;
    expect(r.status).toBe('SUCCESS');
    expect(r.lateRefund).toMatchObject({ status: 'SUCCESS', amountFen: 698 });
    expect(r.error!.messageZh).toContain('已全额原路退回');
    expect(r.error!.messageZh).toContain('微信支付');
    expect(t.journal.refundsFor(r.outTradeNo).map((x) => [x.amountFen, x.state])).toEqual([[698, 'SUCCESS']]);
    expect(t.sim.refundCount(r.outTradeNo)).toBe(1);
    // Pushed once more after the refund, so a screen reloaded meanwhile (no call answer) learns it went back.
    expect(t.changes.at(-1)).toMatchObject({ outTradeNo: r.outTradeNo, status: 'SUCCESS', lateRefund: { status: 'SUCCESS' } });
    expect(t.changes.at(-1)!.error!.messageZh).toContain('已全额原路退回');
  });

  it('refuses a second sale while a WeChat code is open', async () => {
    const t = await open(30);
    const done = t.checkout.qr.start({ amount: '1.00', provider: 'wechat' });
    const shown = await qrShown(t.changes);
    await expect(t.checkout.qr.start({ amount: '2.00', provider: 'wechat' })).rejects.toMatchObject({ code: 'PAYMENT_IN_PROGRESS' });
    await expect(t.checkout.pay({ amount: '2.00', code: '134567890123456700' })).rejects.toMatchObject({ code: 'ATTEMPT_UNRESOLVED' });
    t.checkout.requestCancel(shown.outTradeNo);
    await done;
  });

  it('without wechat.notifyUrl a WeChat QR sale is refused before anything is journaled or sent, naming the key in both languages', async () => {
    till = await wechatQrTill({ gateway: { notifyUrl: undefined, training: false } });
    const t = till;
    let thrown: unknown;
    try {
      t.checkout.qr.validate({ amount: '1.00', provider: 'wechat' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PosError);
    expect(thrown).toMatchObject({ code: 'INVALID_CONFIG' });
    expect((thrown as PosError).message).toContain('wechat.notifyUrl');
    expect((thrown as PosError).detailZh).toContain('wechat.notifyUrl');
    await expect(t.checkout.qr.start({ amount: '1.00', provider: 'wechat' })).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    expect(t.journal.listAttempts({ limit: 10 })).toHaveLength(0);
    expect(t.sim.requests()).toHaveLength(0);
    // Configured, but not offered: the screen's F10 (TillInfoView.qrProviders) will not show it.
    expect(t.checkout.qr.providers).toEqual(['wechat']);
    expect(t.checkout.qr.available).toEqual([]);
  });
});

describe('the WeChat adapter for Native', () => {
  it('sends appid, mchid, description, out_trade_no, time_expire (RFC3339 +08:00), notify_url, amount; a query before the scan answers waiting (NOTPAY); close answers closed, then CLOSED', async () => {
    const sim = await startSim();
    const wx = adapter(sim.url, { notifyUrl: NOTIFY_URL });
    const n = outTradeNo();
    const expiresAtMs = Date.now() + 90_000;
    const o = await wx.precreate({ outTradeNo: n, amountFen: checkFen(1234), subject: '培训商品', expiresAtMs, timeoutMinutes: 2 });
    expect(o).toMatchObject({ kind: 'qr', qrCode: expect.stringContaining(`/training/qr/${n}`) });
    // The same order again (a lost answer): the same code.
    expect(await wx.precreate({ outTradeNo: n, amountFen: checkFen(1234), subject: '培训商品', expiresAtMs, timeoutMinutes: 2 })).toEqual(o);
    expect(await wx.query(n)).toMatchObject({ kind: 'status', status: 'waiting', outTradeNo: n, totalFen: 1234 });
    expect(await wx.closeQr(n)).toEqual({ kind: 'closed' });
    expect(await wx.closeQr(n)).toEqual({ kind: 'closed' }); // re-entrant
    expect(await wx.query(n)).toMatchObject({ kind: 'status', status: 'closed' });
    expect(await wx.closeQr(outTradeNo())).toEqual({ kind: 'not-found' });
  });

  it('service-provider mode uses the /partner/ paths with sp_/sub_ ids', async () => {
    const sim = await startSim();
    const wx = adapter(sim.url, { notifyUrl: NOTIFY_URL, subMchId: '1900000200' });
    const n = outTradeNo();
    expect(await wx.precreate({ outTradeNo: n, amountFen: checkFen(500), subject: 'x', expiresAtMs: Date.now() + 60_000, timeoutMinutes: 1 })).toMatchObject({ kind: 'qr' });
    expect(sim.simulateQrScan(n)).toMatchObject({ paid: true });
    expect(await wx.query(n)).toMatchObject({ kind: 'status', status: 'paid', totalFen: 500 });
    expect(await wx.closeQr(n)).toMatchObject({ kind: 'not-closable' });
  });

  it('a time_expire in the past is refused by the gateway (PARAM_ERROR → config error), and nothing exists to pay', async () => {
    const sim = await startSim();
    const wx = adapter(sim.url, { notifyUrl: NOTIFY_URL });
    const n = outTradeNo();
    expect(await wx.precreate({ outTradeNo: n, amountFen: checkFen(100), subject: 'x', expiresAtMs: Date.now() - 5000, timeoutMinutes: 1 })).toMatchObject({ kind: 'config-error' });
    expect(sim.stateOf(n)).toBeUndefined();
  });
});
