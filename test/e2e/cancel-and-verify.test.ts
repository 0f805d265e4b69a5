// Issue 9 items 2 and 3 in Chromium against browser mode and the training gateway: Esc while the
// pay request is still out is honoured (the cancel goes the moment the answer is back and refunds
// what was charged, and the screen says so); a forged or mismatched answer is settled at once, with
// its true reason on the screen and in the journal, not after the wait limit.
import { describe, expect, it } from 'vitest';
import { scanCode, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { useE2eTill, type E2eSession } from './helpers/session.ts';

/** docs/training-gateway.md: …06 charged at once, answered after 20 s (past the till's 2 s request timeout). */
const SLOW_ANSWER = '287654321012345606';
const FORGED_ANSWER = '287654321012345608';
const AMOUNT_MISMATCH = '287654321012345610';

let s: E2eSession;
// The wait limit far above any step here: an outcome settled "at the wait limit" would time the test out.
useE2eTill({ waitSeconds: 120, screen: { resultGuardMs: 300 } }, (session) => (s = session));

function requests(method: string): number {
  return s.till.sim.requests().filter((r) => r.method === method).length;
}

function latestAttempt() {
  return s.till.host.till.journal.listAttempts({ limit: 50 }).sort((a, b) => b.createdAt - a.createdAt)[0]!;
}

async function charge(amount: string, code: string): Promise<void> {
  await typeLikeAPerson(s.page, amount);
  await s.page.keyboard.press('Enter');
  await s.page.waitForSelector('[data-screen=scan]');
  await scanCode(s.page, code);
}

describe('item 2: Esc while the pay request is in flight', () => {
  it('says the cancel waits for the answer, then cancels at Alipay, refunds what was charged and says so', async () => {
    const { page } = s;
    await charge('15.00', SLOW_ANSWER);
    await page.waitForSelector('[data-screen=waiting]');
    await page.keyboard.press('Escape');
    // Honest about what is happening: the request is still out, the cancel is queued behind it.
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('支付请求尚未应答');
    await waitForScreen(page, '[data-screen=failed][data-status=CANCELLED]', 45_000);
    expect(await page.getByTestId('status').textContent()).toBe('已撤销，款项已全额退回');
    expect(requests('alipay.trade.cancel')).toBeGreaterThanOrEqual(1);
    const a = latestAttempt();
    expect(a.state).toBe('CANCELLED');
    expect(a.cancelAction).toBe('refund');
    expect(s.till.host.till.journal.events(a.outTradeNo).map((e) => e.type)).toContain('cancel');
  });
});

describe('item 3: an answer the till cannot trust', () => {
  it('a forged answer: settled at once, the screen and the journal say it failed verification', async () => {
    const { page } = s;
    await charge('16.00', FORGED_ANSWER);
    await waitForScreen(page, '[data-screen=failed][data-status=CANCELLED]');
    expect(await page.getByTestId('reason').textContent()).toContain('验签');
    expect(await page.locator('main').innerText()).not.toContain('秒内确认');
    const a = latestAttempt();
    expect(a.state).toBe('CANCELLED');
    expect(a.errorCode).toBe('SIGNATURE_INVALID');
  });

  it('a wrong amount: settled at once, refunded, and said to not match the order', async () => {
    const { page } = s;
    await charge('17.00', AMOUNT_MISMATCH);
    await waitForScreen(page, '[data-screen=failed][data-status=CANCELLED]');
    expect(await page.getByTestId('reason').textContent()).toContain('与订单不符');
    expect(await page.locator('main').innerText()).not.toContain('秒内确认');
    const a = latestAttempt();
    expect(a.state).toBe('CANCELLED');
    expect(a.errorCode).toBe('GATEWAY_MISMATCH');
  });
});
