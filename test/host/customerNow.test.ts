// What a customer display that connects late is told first (issue 9 item 15): idle with the
// training strip, shop name and logo before any sale; the payment at the counter while it runs
// and for a while after; never the reconciler settling an old payment.
import { describe, expect, it } from 'vitest';
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { CustomerNow, customerGreeting, OUTCOME_SHOWN_FOR_MS } from '../../app/host/customerNow.ts';

const LOGO = 'data:image/png;base64,iVBORw0KGgo=';
const payment = (o: Partial<PaymentView> = {}): PaymentView => ({
  status: 'UNKNOWN', state: 'WAITING', outTradeNo: 'T1', tradeNo: null, amount: '18.80', amountFen: 1880, provider: 'alipay', training: true,
  buyer: 'ab***@x.com', codeLast4: '1234', cancelAction: null, createdAt: 1, ...o,
});

function setUp() {
  const t = { nowMs: 1000, active: undefined as string | undefined };
  const now = new CustomerNow({ training: true, shopName: '测试便利店', logo: LOGO }, () => t.active, () => t.nowMs);
  return { t, now };
}

describe('the customer view a display gets when it connects', () => {
  it('is idle before any sale: training strip, shop name, logo', () => {
    expect(setUp().now.current()).toEqual({ idle: true, training: true, shopName: '测试便利店', logo: LOGO });
  });

  it('is the payment at the counter while it is paid, with the logo, and nothing of the buyer', () => {
    const { t, now } = setUp();
    t.active = 'T1';
    const pushed = now.changed(payment());
    expect(pushed).not.toHaveProperty('logo');
    expect(now.current()).toMatchObject({ status: 'UNKNOWN', state: 'WAITING', amountFen: 1880, shopName: '测试便利店', training: true, logo: LOGO });
    expect(JSON.stringify(now.current())).not.toMatch(/T1|ab\*\*\*|1234/);
  });

  it('keeps an outcome for as long as the display shows it, then goes back to idle', () => {
    const { t, now } = setUp();
    t.active = 'T1';
    now.changed(payment({ status: 'FAILED', state: 'FAILED', error: { code: 'PAYMENT_DECLINED', message: 'x', messageZh: 'x', details: { subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH' } } }));
    t.active = undefined;
    t.nowMs += OUTCOME_SHOWN_FOR_MS - 1;
    expect(now.current()).toMatchObject({ status: 'FAILED', reason: 'balance' });
    expect(JSON.stringify(now.current())).not.toContain('ACQ.');
    t.nowMs += 1;
    expect(now.current()).toMatchObject({ idle: true });
  });

  it('ignores the reconciler settling an old payment while no sale runs', () => {
    const { now } = setUp();
    now.changed(payment({ outTradeNo: 'OLD', status: 'SUCCESS', state: 'SUCCESS' }));
    expect(now.current()).toMatchObject({ idle: true });
  });

  it('is what BrowserServer sends a subscribing screen, nothing before the till is open', () => {
    const { now } = setUp();
    expect(customerGreeting(() => now.current())()).toEqual([{ event: 'pos:customer:changed', payload: now.current() }]);
    expect(customerGreeting(() => null)()).toEqual([]);
  });
});
