// Issue 12 part B in Chromium: a till whose shop lists its cashiers asks for one at shift start,
// keeps the choice in the core (a reload does not ask again), sends it as operator_id, and asks
// again after the Z; the amount screen's second amount (不参与优惠金额, ↓) is checked against the
// total before anything is sent, reaches Alipay as undiscountable_amount, and fits 800x600.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pos } from '../helpers/runPos.ts';
import { scanCode, screenshot, typeLikeAPerson, waitForScreen } from './helpers/browser.ts';
import { docScreens } from './helpers/docScreens.ts';
import { useE2eTill } from './helpers/session.ts';
import type { TillServer } from './helpers/tillServer.ts';

const PAYS_NOW = '287654321012345600';

let till: TillServer;
let page: Page;
let context: BrowserContext;

useE2eTill({ paysAfterMs: 800, screen: { resultGuardMs: 200, confirmAboveYuan: null }, cashiers: { list: [{ id: '001', name: '张三' }, { id: '002', name: '李四' }] } }, (s) => ({ till, page, context } = s));

const payBiz = () => till.sim.requests().filter((r) => r.method === 'alipay.trade.pay').at(-1)?.biz;

async function signInAs(p: Page, id: string): Promise<void> {
  await p.waitForSelector('[data-testid=cashier-prompt]');
  await p.getByTestId(`cashier-choice-${id}`).click();
  await p.waitForSelector('[data-testid=cashier-prompt]', { state: 'detached' });
}

/** Off-screen, covered or overlapping buttons and sideways cut-off text (as layout-language.test.ts checks). */
async function layoutProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const boxes = [...document.querySelectorAll<HTMLElement>('button')].filter((b) => b.offsetParent !== null).map((b) => ({ b, r: b.getBoundingClientRect(), name: (b.textContent ?? '').trim().slice(0, 24) }));
    for (const { b, r, name } of boxes) {
      if (r.left < -0.5 || r.top < -0.5 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5) out.push(`off screen: ${name}`);
      const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      if (!hit || !(hit === b || b.contains(hit))) out.push(`covered: ${name}`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const c = boxes[j]!.r;
        if (Math.min(a.right, c.right) - Math.max(a.left, c.left) > 1 && Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top) > 1) out.push(`overlap: ${boxes[i]!.name} / ${boxes[j]!.name}`);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('.amount-display, .undiscountable, .topbar')) {
      if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1) out.push(`cut off: ${el.className}`);
    }
    const field = document.querySelector('[data-testid=undiscountable-field]')?.getBoundingClientRect();
    if (field && field.bottom > window.innerHeight) out.push('the second amount is below the screen');
    return out;
  });
}

describe('cashier sign-in at shift start (issue 12)', () => {
  it('asks at start, refuses an id not on the list, keeps the choice across a reload, sends it as operator_id, and asks again after the Z', async () => {
    const prompt = page.getByTestId('cashier-prompt');
    await prompt.waitFor();
    expect(await prompt.getAttribute('data-required')).toBe('on');
    // Typed, not on the shop's list: refused in the screen's language, still asking.
    await page.getByTestId('cashier-id').focus();
    await typeLikeAPerson(page, '003');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=cashier-error]');
    expect(await page.getByTestId('cashier-error').innerText()).toContain('003 不是本店的收银员');
    // Esc does not close a prompt the till requires; digits typed there never reached the amount.
    await page.keyboard.press('Escape');
    expect(await prompt.isVisible()).toBe(true);
    await screenshot(page, 'cashier-prompt');
    await docScreens(page, 'cashier-prompt');
    await signInAs(page, '001');
    await expect.poll(async () => page.getByTestId('cashier').innerText()).toContain('张三 001');
    expect((await page.getByTestId('amount').textContent())?.trim()).toBe('¥0.00');

    // A reload asks the core, which still has 张三 on duty: no prompt.
    await page.reload();
    await page.waitForSelector('[data-screen=amount]');
    await expect.poll(async () => page.getByTestId('cashier').innerText()).toContain('张三 001');
    expect(await page.getByTestId('cashier-prompt').count()).toBe(0);

    // The sale carries the cashier to Alipay.
    await typeLikeAPerson(page, '5');
    await page.keyboard.press('Enter');
    await waitForScreen(page, '[data-screen=scan]');
    await scanCode(page, PAYS_NOW);
    await waitForScreen(page, '[data-screen=paid]');
    expect(payBiz()).toMatchObject({ total_amount: '5.00', operator_id: '001' });
    expect(payBiz()).not.toHaveProperty('undiscountable_amount');

    // F12 changes cashier: the next payment is 李四's; a second screen of the till follows at once.
    const other = await context.newPage();
    await other.goto(till.server.url);
    await expect.poll(async () => other.getByTestId('cashier').innerText()).toContain('张三 001');
    await page.waitForSelector('[data-guard=off]');
    await page.keyboard.press('F1');
    await page.keyboard.press('F12');
    await page.waitForSelector('[data-testid=cashier-prompt]:not([data-required])');
    await signInAs(page, '002');
    await expect.poll(async () => page.getByTestId('cashier').innerText()).toContain('李四 002');
    await expect.poll(async () => other.getByTestId('cashier').innerText()).toContain('李四 002');
    await other.close();

    // The Z ends the shift: signed out, and the prompt is back.
    await page.keyboard.press('F5');
    await page.waitForSelector('[data-screen=shift]');
    await page.keyboard.press('F10');
    await page.waitForSelector('[data-testid=z-confirm]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=z-done]');
    await page.waitForSelector('[data-testid=cashier-prompt][data-required=on]');
    await expect.poll(async () => page.getByTestId('cashier').innerText()).toContain('未签到');
    await signInAs(page, '002');
  });

  it('a Z run by `pos report --kind Z` in another process signs out on the open screen too: the pill and the prompt follow', async () => {
    if (await page.getByTestId('cashier-prompt').count()) await signInAs(page, '002');
    await expect.poll(async () => page.getByTestId('cashier').innerText()).toContain('李四 002');
    // The same data folder and gateway as the screen's till, from a config file of its own.
    const config = join(till.dir, 'outside-till.json');
    writeFileSync(config, JSON.stringify({ dataDir: till.dir, alipay: { gateway: till.sim.url }, cashiers: { list: [{ id: '001', name: '张三' }, { id: '002', name: '李四' }] } }));
    const z = await pos(['report', '--config', config, '--kind', 'Z', '--format', 'text']);
    expect(z.code).toBe(0);
    await page.waitForSelector('[data-testid=cashier-prompt][data-required=on]');
    await expect.poll(async () => page.getByTestId('cashier').innerText()).toContain('未签到');
    await signInAs(page, '002');
  });
});

describe('the second amount: 不参与优惠金额 (issue 12)', () => {
  it('↓ shows it and types into it, Enter refuses more than the total before anything is sent, and the part reaches Alipay and the result', async () => {
    if (await page.getByTestId('cashier-prompt').count()) await signInAs(page, '001');
    // Hidden until used: only the key that opens it is on the screen.
    expect(await page.getByTestId('undiscountable-field').count()).toBe(0);
    await typeLikeAPerson(page, '12');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid=undiscountable-field][data-focused=on]');
    await typeLikeAPerson(page, '13');
    await expect.poll(async () => (await page.getByTestId('undiscountable').textContent())?.trim()).toBe('¥13');
    await expect.poll(async () => (await page.getByTestId('amount').textContent())?.trim()).toBe('¥12');
    const before = till.sim.requests().length;
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-screen=amount] .problem');
    expect(await page.locator('[data-screen=amount] .problem').first().innerText()).toContain('不参与优惠金额（13.00）不能大于订单金额（12.00）');
    expect(await page.locator('[data-screen=amount]').count()).toBe(1);
    expect(till.sim.requests().length).toBe(before);

    // Fix it: Backspace twice, 10; ↑ back to the total leaves the part shown.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await typeLikeAPerson(page, '10');
    await expect.poll(async () => (await page.getByTestId('undiscountable').textContent())?.trim()).toBe('¥10');
    await docScreens(page, 'undiscountable-field');
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector('[data-testid=undiscountable-field]:not([data-focused])');
    await expect.poll(async () => (await page.getByTestId('undiscountable').textContent())?.trim()).toBe('¥10');

    // It fits the smallest screen, in both languages.
    await page.setViewportSize({ width: 800, height: 600 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await layoutProblems(page)).toEqual([]);
    await screenshot(page, 'undiscountable-800x600');
    await docScreens(page, 'undiscountable');
    await page.setViewportSize({ width: 800, height: 600 });
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=en]');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await layoutProblems(page)).toEqual([]);
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=zh-CN]');

    await page.keyboard.press('Enter');
    await waitForScreen(page, '[data-screen=scan]');
    expect(await page.getByTestId('undiscountable-line').innerText()).toContain('¥10.00');
    await scanCode(page, PAYS_NOW.replace(/00$/, '13'));
    await waitForScreen(page, '[data-screen=paid]');
    expect(await page.getByTestId('undiscountable-line').innerText()).toContain('¥10.00');
    // 李四 (002) is still on duty from the sign-in after the Z above.
    expect(payBiz()).toMatchObject({ total_amount: '12.00', undiscountable_amount: '10.00', discountable_amount: '2.00', operator_id: '002' });
    // The payment's detail (F2, Enter) says who took it and the part.
    await page.waitForSelector('[data-guard=off]');
    await page.keyboard.press('F2');
    await page.waitForSelector('[data-screen=history] tbody tr');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=detail-cashier]');
    // Named from the shop's list, as the receipt and the X/Z print it (73b4757).
    expect(await page.getByTestId('detail-cashier').innerText()).toBe('李四 002');
    expect(await page.getByTestId('detail-undiscountable').innerText()).toContain('¥10.00');
    await page.keyboard.press('F1');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('on a WeChat payment the part is kept but not sent, and the result says so', async () => {
    if (await page.getByTestId('cashier-prompt').count()) await signInAs(page, '001');
    await typeLikeAPerson(page, '9');
    await page.keyboard.press('ArrowDown');
    await typeLikeAPerson(page, '4');
    await page.keyboard.press('Enter');
    await waitForScreen(page, '[data-screen=scan]');
    // A WeChat code that pays at once (prefix 13, suffix 00).
    await scanCode(page, '134567890123456700');
    await waitForScreen(page, '[data-screen=paid]');
    expect(await page.getByTestId('undiscountable-line').innerText()).toContain('¥4.00');
    expect(await page.getByTestId('undiscountable-wechat').innerText()).toContain('未发送给微信');
  });

  it('Esc in the second field drops it and keeps the total; an empty second field disappears when left', async () => {
    if (await page.getByTestId('cashier-prompt').count()) await signInAs(page, '001');
    await typeLikeAPerson(page, '8');
    await page.keyboard.press('ArrowDown');
    await typeLikeAPerson(page, '3');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=undiscountable-field]', { state: 'detached' });
    await expect.poll(async () => (await page.getByTestId('amount').textContent())?.trim()).toBe('¥8');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid=undiscountable-field]');
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector('[data-testid=undiscountable-field]', { state: 'detached' });
    // Nothing to send: the payment goes without the part.
    await page.keyboard.press('Enter');
    await waitForScreen(page, '[data-screen=scan]');
    expect(await page.getByTestId('undiscountable-line').count()).toBe(0);
  });
});

describe('who was on duty, on the screen (issue 12)', () => {
  /** A second process on the screen's data folder and gateway; `cashiers: false` is a till that never asks. */
  const outsideConfig = (name: string, cashiers: boolean): string => {
    const config = join(till.dir, name);
    writeFileSync(config, JSON.stringify({ dataDir: till.dir, alipay: { gateway: till.sim.url }, ...(cashiers ? { cashiers: { list: [{ id: '001', name: '张三' }, { id: '002', name: '李四' }] } } : {}) }));
    return config;
  };
  const payOutside = async (config: string, amount: string, operator?: string): Promise<string> => {
    const r = await pos(['pay', '--config', config, '--amount', amount, '--code', PAYS_NOW, '--json', ...(operator ? ['--operator', operator] : [])]);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { outTradeNo: string }).outTradeNo;
  };

  it('F5 lists takings by cashier (count, sum, refunds, net; 未登录 for nobody) from the X report the printout uses, in both languages, at 800x600', async () => {
    const listed = outsideConfig('outside-listed.json', true);
    await payOutside(listed, '5', '001');
    const by002 = await payOutside(listed, '3', '002');
    const r = await pos(['refund', '--config', listed, '--out-trade-no', by002, '--amount', '1', '--operator', '002']);
    expect(r.code, r.stderr).toBe(0);
    // Nobody signed in, on a till that does not ask: the payment is nobody's.
    await till.host.handlers['pos:cashier:signOut']({});
    await payOutside(outsideConfig('outside-plain.json', false), '2');
    await till.host.handlers['pos:cashier:signIn']({ id: '002' });
    await expect.poll(async () => page.getByTestId('cashier').innerText()).toContain('李四 002');

    await page.setViewportSize({ width: 800, height: 600 });
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.keyboard.press('F5');
    await page.waitForSelector('[data-screen=shift] [data-testid=shift-cashiers]');
    const report = await till.host.handlers['pos:report:shift']({});
    const rows = report.cashiers ?? [];
    expect(rows.map((c) => c.cashier)).toEqual(['001', '002', null]);
    const yuanOf = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
    const expected = rows.map((c) => [
      c.cashier === '001' ? '张三 001' : c.cashier === '002' ? '李四 002' : '未登录',
      `${c.paid.count} 笔 ${yuanOf(c.paid.amountFen)}`,
      c.refunds.count > 0 ? `${c.refunds.count} 笔 -${yuanOf(c.refunds.amountFen)}` : '—',
      yuanOf(c.paid.amountFen - c.refunds.amountFen),
    ]);
    const shown = () => page.locator('[data-testid=shift-cashiers] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    expect(await shown()).toEqual(expected);
    expect(rows.find((c) => c.cashier === '002')!.refunds).toEqual({ count: 1, amountFen: 100 });
    expect(rows.find((c) => c.cashier === null)!.paid).toEqual({ count: 1, amountFen: 200 });
    expect(await layoutProblems(page)).toEqual([]);
    const fits = () => page.getByTestId('shift-cashiers').evaluate((t) => t.getBoundingClientRect().right <= (t.closest('.panel')?.getBoundingClientRect().right ?? 0) + 0.5 && t.getBoundingClientRect().right <= window.innerWidth);
    expect(await fits()).toBe(true);
    await page.getByTestId('shift-cashiers').scrollIntoViewIfNeeded();
    await screenshot(page, 'shift-cashiers-800');

    // Back to the top, as the screen opens: the screenshot above scrolled the table into view.
    await page.evaluate(() => {
      for (const el of [document.scrollingElement, ...document.querySelectorAll('*')]) if (el && el.scrollTop) el.scrollTop = 0;
    });
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=en]');
    expect(await page.locator('[data-testid=shift-cashiers] caption').innerText()).toBe('By cashier');
    expect((await shown()).map((row) => row[0])).toEqual(['张三 001', '李四 002', 'Nobody signed in']);
    expect((await shown())[1]![2]).toBe('1 × -¥1.00');
    expect(await layoutProblems(page)).toEqual([]);
    expect(await fits()).toBe(true);
    await page.getByTestId('shift-cashiers').scrollIntoViewIfNeeded();
    await screenshot(page, 'shift-cashiers-800-en');
    await page.keyboard.press('F4');
    await page.waitForSelector('html[lang=zh-CN]');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('a refund refused with CASHIER_REQUIRED brings the sign-in prompt back, as a sale does', async () => {
    await till.host.handlers['pos:cashier:signIn']({ id: '002' });
    // A screen that missed the sign-out (its push never came): it still shows 李四 on duty.
    const stale = await context.newPage();
    await stale.routeWebSocket(/.*/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        if (typeof m === 'string' && m.includes('"pos:cashier:changed"')) return;
        ws.send(m);
      });
    });
    await stale.goto(till.server.url);
    await expect.poll(async () => stale.getByTestId('cashier').innerText()).toContain('李四 002');
    await typeLikeAPerson(stale, '7.77');
    await stale.keyboard.press('Enter');
    await waitForScreen(stale, '[data-screen=scan]');
    await scanCode(stale, PAYS_NOW);
    await waitForScreen(stale, '[data-screen=paid]');
    await stale.waitForSelector('[data-guard=off]');
    await stale.keyboard.press('F2');
    await stale.waitForSelector('[data-screen=history] [data-testid=payments]');
    await typeLikeAPerson(stale, '7.77');
    await expect.poll(async () => stale.locator('[data-testid=payments] tbody tr').count()).toBe(1);
    await stale.keyboard.press('Enter');
    await stale.waitForSelector('[data-screen=detail]');

    await till.host.handlers['pos:cashier:signOut']({});
    // The other screen heard it; this one did not.
    await expect.poll(async () => page.getByTestId('cashier').innerText()).toContain('未签到');
    expect(await stale.getByTestId('cashier').innerText()).toContain('李四 002');
    expect(await stale.getByTestId('cashier-prompt').count()).toBe(0);
    await stale.keyboard.press('F7');
    await stale.waitForSelector('[data-screen=refund][data-phase=editing]');
    await stale.keyboard.press('Enter');
    await stale.waitForSelector('[data-screen=refund][data-phase=reason]');
    await stale.keyboard.press('1');
    await stale.waitForSelector('[data-screen=refund][data-phase=confirming]');
    await stale.keyboard.press('Enter');
    await stale.waitForSelector('[data-screen=refund][data-phase=failed] [data-testid=refund-problem][data-code=CASHIER_REQUIRED]');
    // The refusal says F12; the prompt is already up, required, and the pill says nobody.
    await stale.waitForSelector('[data-testid=cashier-prompt][data-required=on]');
    await expect.poll(async () => stale.getByTestId('cashier').innerText()).toContain('未签到');
    await signInAs(stale, '002');
    await stale.close();
    if (await page.getByTestId('cashier-prompt').count()) await signInAs(page, '002');
  });
});
