// try.md item 6: stopping `pos serve` while a payment waits cancels it at the gateway, and the
// journal says the till was stopped — not "cancelled by the cashier", which nobody pressed.
import { afterEach, describe, expect, it } from 'vitest';
import { settleActivePayment } from '../../cli/commands/serve.ts';
import type { TillHost } from '../../app/host/TillHost.ts';
import { code, trainingTill, type TrainingTill } from '../helpers/trainingTill.ts';

let till: TrainingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const io = { out: () => {}, err: () => {} };
const hostOf = (t: TrainingTill) => ({ till: { checkout: t.checkout } }) as unknown as TillHost;
const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 10));
};

describe("pos serve's stop while a payment waits (try.md item 6)", () => {
  it('a QR code on screen is closed with reason "stopped", never "cashier"', async () => {
    till = await trainingTill({ checkout: { qrTimeoutSeconds: 60 } });
    const t = till;
    const done = t.checkout.qr.start({ amount: '8.97' });
    await until(() => t.changes.some((c) => c.qr));
    const shown = t.changes.find((c) => c.qr)!;
    // Scanned but unpaid: the close ends it at once (an unscanned Alipay code waits for its expiry).
    await fetch(shown.qr!.code, { method: 'POST' });
    await settleActivePayment(hostOf(t), io);
    const r = await done;
    expect(r).toMatchObject({ status: 'CANCELLED', cancelReason: 'stopped' });
    expect(r.error!.messageZh).toContain('收银台停止运行');
    expect(r.error!.messageZh).not.toContain('收银员');
    const ev = t.journal.events(r.outTradeNo).find((e) => e.type === 'cancel')!;
    expect(ev.data).toMatchObject({ reason: 'stopped' });
  });

  it('a barcode payment the customer is confirming is cancelled with reason "stopped"', async () => {
    till = await trainingTill({ checkout: { waitSeconds: 30 } });
    const t = till;
    const pending = t.checkout.pay({ amount: '5.00', code: code('02') });
    await until(() => t.changes.some((c) => c.state === 'WAITING'));
    await settleActivePayment(hostOf(t), io);
    const r = await pending;
    expect(r).toMatchObject({ status: 'CANCELLED', cancelReason: 'stopped' });
    expect(r.error!.messageZh).not.toContain('收银员');
  });

  it("the cashier's Esc still journals 'cashier'", async () => {
    till = await trainingTill({ checkout: { waitSeconds: 30 } });
    const t = till;
    const pending = t.checkout.pay({ amount: '5.00', code: code('02') });
    await until(() => t.changes.some((c) => c.state === 'WAITING'));
    t.checkout.requestCancel();
    expect(await pending).toMatchObject({ status: 'CANCELLED', cancelReason: 'cashier' });
  });
});
