// Issue 11 over real HTTP: the till shows a QR code (alipay.trade.precreate at the training
// gateway), the customer "scans" it (a POST to the address the code encodes), and the till settles
// it by polling; on the cashier's cancel or at expiry it closes the code, asks once more, and a
// payment that landed anyway is refunded in full and said so.
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentResult } from '../../app/checkout/PaymentResult.ts';
import { methods, trainingTill, type TrainingTill } from '../helpers/trainingTill.ts';

let till: TrainingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

async function open(o: { qrTimeoutSeconds?: number; lateScanGraceMs?: number } = {}): Promise<TrainingTill> {
  till = await trainingTill({ checkout: { qrTimeoutSeconds: o.qrTimeoutSeconds ?? 5 } });
  return till;
}

/** Resolves with the first push that carries the QR code. */
function qrShown(t: TrainingTill): Promise<PaymentResult> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const r = t.changes.find((c) => c.qr);
      if (r) {
        clearInterval(timer);
        resolve(r);
      }
    }, 10);
  });
}

async function scan(qrCode: string): Promise<Record<string, unknown>> {
  const res = await fetch(qrCode, { method: 'POST' });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('QR payments at the Alipay training gateway', () => {
  it('journals the attempt before the precreate, shows a code that pays, and ends SUCCESS once the customer pays', async () => {
    const t = await open();
    const done = t.checkout.qr.start({ amount: '12.34' });
    const shown = await qrShown(t);
    expect(t.changes[0]!.state).toBe('SENT'); // journaled before the request went out
    expect(shown.state).toBe('WAITING');
    expect(shown.method).toBe('qr');
    expect(shown.qr!.code).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/training\/qr\/TR/);
    expect(shown.qr!.expiresAt).toBeGreaterThan(Date.now());
    // Before the scan Alipay has no trade: the till keeps waiting rather than calling it failed.
    await new Promise((r) => setTimeout(r, 300));
    expect(t.journal.getAttempt(shown.outTradeNo)!.state).toBe('WAITING');
    expect(await scan(shown.qr!.code)).toMatchObject({ trade_status: 'TRADE_SUCCESS' });
    const r = await done;
    expect(r).toMatchObject({ status: 'SUCCESS', method: 'qr', amountFen: 1234, provider: 'alipay' });
    expect(r.tradeNo).toBeTruthy();
    expect(t.sim.chargeCount(r.outTradeNo)).toBe(1);
    expect(methods(t.sim, r.outTradeNo)[0]).toBe('alipay.trade.precreate');
    expect(methods(t.sim, r.outTradeNo)).not.toContain('alipay.trade.close');
  });

  it('closes an unpaid code at expiry: CANCELLED, nothing charged, and the code no longer pays', async () => {
    const t = await open({ qrTimeoutSeconds: 3 });
    const done = t.checkout.qr.start({ amount: '5.00' });
    const shown = await qrShown(t);
    const r = await done;
    expect(r).toMatchObject({ status: 'CANCELLED', cancelReason: 'expired' });
    expect(r.error!.messageZh).toContain('未扣款');
    expect(methods(t.sim, r.outTradeNo)).toContain('alipay.trade.close');
    expect(await scan(shown.qr!.code)).toMatchObject({ trade_status: 'TRADE_CLOSED' });
    expect(t.sim.chargeCount(r.outTradeNo)).toBe(0);
  });

  it("the cashier's cancel closes the code at once; a scanned-but-unpaid code (…97) ends CANCELLED", async () => {
    const t = await open({ qrTimeoutSeconds: 60 });
    const done = t.checkout.qr.start({ amount: '8.97' });
    const shown = await qrShown(t);
    expect(await scan(shown.qr!.code)).toMatchObject({ trade_status: 'WAIT_BUYER_PAY', scanned: true });
    const started = Date.now();
    expect(t.checkout.requestCancel(shown.outTradeNo)).toBe(true);
    const r = await done;
    expect(Date.now() - started).toBeLessThan(10_000); // not left to the 60 s expiry
    expect(r).toMatchObject({ status: 'CANCELLED', cancelReason: 'cashier', cancelAction: 'close' });
    expect(t.sim.chargeCount(r.outTradeNo)).toBe(0);
  });

  it('a payment that lands after the cancel (…98: close misses the unscanned code) is kept as paid and refunded in full, and said so', async () => {
    const t = await open({ qrTimeoutSeconds: 4 });
    const done = t.checkout.qr.start({ amount: '6.98' });
    const shown = await qrShown(t);
    t.checkout.requestCancel(shown.outTradeNo);
    // The close answered "no such trade": the till keeps asking until the code has expired.
    await new Promise((r) => setTimeout(r, 400));
    expect(t.journal.getAttempt(shown.outTradeNo)!.state).toBe('CANCELLING');
    await scan(shown.qr!.code);
    const r = await done;
    expect(r.status).toBe('SUCCESS');
    expect(r.lateRefund).toMatchObject({ status: 'SUCCESS', amountFen: 698 });
    expect(r.error!.messageZh).toContain('已全额原路退回');
    expect(t.journal.refundsFor(r.outTradeNo).map((x) => [x.amountFen, x.state])).toEqual([[698, 'SUCCESS']]);
    expect(methods(t.sim, r.outTradeNo)).toContain('alipay.trade.refund');
  });

  it('refuses a second sale while a QR code is open, and a provider that cannot show one', async () => {
    const t = await open({ qrTimeoutSeconds: 30 });
    const done = t.checkout.qr.start({ amount: '1.00' });
    const shown = await qrShown(t);
    await expect(t.checkout.qr.start({ amount: '2.00' })).rejects.toMatchObject({ code: 'PAYMENT_IN_PROGRESS' });
    await expect(t.checkout.pay({ amount: '2.00', code: '287634438256643900' })).rejects.toMatchObject({ code: 'ATTEMPT_UNRESOLVED' });
    expect(() => t.checkout.qr.validate({ amount: '1.00', provider: 'wechat' })).toThrow(/not configured/);
    t.checkout.requestCancel(shown.outTradeNo);
    await done;
  });
});
