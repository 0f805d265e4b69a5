// @vitest-environment happy-dom
// TRY items 1, 4, 10, 13, 17: a payment's facts and history in its provider's words (a WeChat
// transaction id is not an Alipay trade number; a QR sale has no payment code), every journal event
// in the screen's language, QR-appropriate advice after a cancelled or expired code, the settings'
// operator_id said to be only the fallback, the cashier prompt titled for a change, the held scan
// saying the part typed beside it, and the scan prompt naming the apps this till takes.
import { readFileSync } from 'node:fs';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../app/common/ipc/views.ts';
import { eventLabel } from '../../renderer/history/eventLabel.ts';
import { historyStore } from '../../renderer/history/historyStore.ts';
import { PaymentDetail } from '../../renderer/history/PaymentDetail.tsx';
import { codeText, scanHint, tradeNoLabel } from '../../renderer/history/paymentWords.ts';
import { LANGUAGES } from '../../renderer/i18n/catalogue.ts';
import { tFor } from '../../renderer/i18n/useT.ts';
import { AmountEntry } from '../../renderer/sale/AmountEntry.tsx';
import { qrNextStep } from '../../renderer/sale/qrAdvice.ts';
import { ResultScreen } from '../../renderer/sale/ResultScreen.tsx';
import { SettingsScreen } from '../../renderer/settings/SettingsScreen.tsx';
import { loadSettings } from '../../renderer/settings/settingsStore.ts';
import { CashierPrompt } from '../../renderer/shift/CashierPrompt.tsx';
import { cashierStore } from '../../renderer/shift/cashierStore.ts';
import { fakeBridge, ok } from './fakeBridge.ts';
import { payment } from './payments.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const zh = tFor('zh-CN');
const en = tFor('en');
const WECHAT_PAID = payment('SUCCESS', { provider: 'wechat', tradeNo: '4200202612020000000000000002' });
const QR_WECHAT = payment('SUCCESS', { provider: 'wechat', method: 'qr', codeLast4: 'QR', tradeNo: '4200202612020000000000000002' });

/** Every event type the journal writes for a payment (app/journal, app/checkout, app/cashback). */
function journaledEventTypes(): string[] {
  const machine = readFileSync('app/common/payment/machine.ts', 'utf8');
  const union = machine.slice(machine.indexOf('export type PaymentEvent'), machine.indexOf('const TABLE'));
  const fromMachine = [...union.matchAll(/type: '([a-z-]+)'/g)].map((m) => m[1]!);
  const refundStates = ['PENDING', 'SUCCESS', 'FAILED', 'UNKNOWN'].map((s) => `refund-${s.toLowerCase()}`);
  const cashback = ['journaled', 'skipped', 'sending', 'sent', 'refused', 'unknown'].map((s) => `cashback.${s}`);
  return [...new Set(['created', ...fromMachine, 'lease-taken', 'delivered', 'acknowledged', 'refund-created', ...refundStates, ...cashback])];
}

describe('a payment in its provider words', () => {
  it('names the trade number as its provider does', () => {
    expect(tradeNoLabel(zh, 'wechat')).toBe('微信支付订单号');
    expect(tradeNoLabel(zh, 'alipay')).toBe('支付宝交易号');
    expect(tradeNoLabel(en, 'wechat')).toBe('WeChat Pay transaction id');
    expect(tradeNoLabel(en, 'alipay')).toBe('Alipay trade number');
  });

  it('says a QR sale had no payment code instead of "…QR"', () => {
    expect(codeText(zh, QR_WECHAT)).toBe('扫码支付（无付款码）');
    expect(codeText(zh, QR_WECHAT, true)).toBe('扫码');
    expect(codeText(en, QR_WECHAT)).not.toContain('…');
    expect(codeText(zh, WECHAT_PAID)).toBe('…5601');
  });

  it('says a WeChat payment was sent to WeChat, and a QR one waits for a scan', () => {
    expect(eventLabel(zh, 'sent', WECHAT_PAID)).toBe('已发送至微信支付');
    expect(eventLabel(en, 'sent', WECHAT_PAID)).toBe('sent to WeChat Pay');
    expect(eventLabel(zh, 'sent', payment('SUCCESS'))).toBe('已发送至支付宝');
    expect(eventLabel(zh, 'sent', QR_WECHAT)).toBe('已向微信支付请求收款码');
    expect(eventLabel(zh, 'waiting', QR_WECHAT)).toBe('收款码已显示，等待顾客扫码');
    expect(eventLabel(zh, 'waiting', WECHAT_PAID)).toBe('等待顾客确认');
  });

  it('has words for every event the journal writes, Chinese on the Chinese screen', () => {
    const types = journaledEventTypes();
    expect(types).toEqual(expect.arrayContaining(['kept-paid', 'delivered', 'acknowledged', 'lease-taken']));
    for (const type of types) {
      for (const p of [payment('SUCCESS'), WECHAT_PAID, QR_WECHAT]) {
        expect(eventLabel(zh, type, p), type).toMatch(/[\u4e00-\u9fff]/);
        expect(eventLabel(en, type, p), type).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('names the apps this till takes on the scan prompt', () => {
    expect(scanHint(zh, undefined)).toBe('请顾客打开支付宝“付钱”页面');
    expect(scanHint(zh, ['alipay'])).toBe('请顾客打开支付宝“付钱”页面');
    expect(scanHint(zh, ['alipay', 'wechat'])).toBe('请顾客打开支付宝“付钱”或微信“付款码”页面');
    expect(scanHint(zh, ['wechat'])).toBe('请顾客打开微信“付款码”页面');
    expect(scanHint(en, ['alipay', 'wechat'])).toContain('WeChat');
  });

  it('advises going back to scanning after a cancelled or expired QR, not refreshing the customer code', () => {
    for (const t of LANGUAGES.map(tFor)) {
      expect(qrNextStep(t, 'cancelled')?.next).toContain('F10');
      expect(qrNextStep(t, 'expired')?.next).toContain('F10');
      expect(qrNextStep(t, 'paid')).toBeNull();
      expect(qrNextStep(t, undefined)).toBeNull();
    }
    expect(qrNextStep(zh, 'cancelled')!.next).not.toContain('刷新付款码');
  });
});

describe('the screens', () => {
  let root: Root;
  let host: HTMLElement;
  const SETTINGS: SettingsView = {
    mode: 'training', shopName: '店', language: 'zh-CN',
    alipay: { appId: null, hasPrivateKey: false, hasAlipayPublicKey: false, storeId: null, terminalId: null, operatorId: null },
    scanner: { source: 'wedge', path: null }, printer: { url: null, paperWidthMm: 80, printOnSuccess: true },
  } as SettingsView;

  beforeEach(() => {
    window.pos = fakeBridge({
      'pos:settings:get': () => ok(SETTINGS),
      'pos:till:info': () => ok({ training: true, shopName: '店', version: 't', customerDisplayUrl: null } as never),
    });
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    delete window.pos;
  });

  const text = (id: string) => host.querySelector(`[data-testid=${id}]`)?.textContent ?? null;

  it('the paid result labels a WeChat transaction id as WeChat', async () => {
    await act(async () => root.render(<ResultScreen sale={{ phase: 'result', draft: { amountText: '12.34', note: '' }, payment: WECHAT_PAID, ignoredScan: null, shownAt: null }} />));
    expect(text('trade-no-label')).toBe('微信支付订单号');
    expect(text('trade-no')).toBe('4200202612020000000000000002');
  });

  it('a cancelled QR advises scanning again either way, Enter labelled for it', async () => {
    const cancelled = payment('CANCELLED', { provider: 'wechat', method: 'qr', codeLast4: 'QR', cancelReason: 'cashier', error: { code: 'PAYMENT_DECLINED', message: 'cancelled by the cashier: nothing was charged', messageZh: '收银员已取消：未扣款' } });
    await act(async () => root.render(<ResultScreen sale={{ phase: 'result', draft: { amountText: '8', note: '' }, payment: cancelled, ignoredScan: null, shownAt: null }} />));
    expect(text('next-step')).toBe('如需继续收款：按 Enter 回到扫码界面，可扫顾客付款码，或再按 F10 出示收款码');
    expect(text('retry')).toContain('继续收款');
  });

  it('the F2 detail of a WeChat QR payment: WeChat label, no code digits, history in Chinese', async () => {
    historyStore.setState({ detail: { outTradeNo: QR_WECHAT.outTradeNo, error: null, data: { payment: QR_WECHAT, refunds: [], events: [{ at: 1, type: 'created' }, { at: 2, type: 'sent' }, { at: 3, type: 'waiting' }, { at: 4, type: 'paid' }, { at: 5, type: 'delivered' }] } } });
    await act(async () => root.render(<PaymentDetail />));
    expect(text('detail-trade-no-label')).toBe('微信支付订单号');
    expect(text('detail-code')).toBe('扫码支付（无付款码）');
    const history = host.querySelector('.events')!.textContent!;
    expect(history).not.toContain('支付宝');
    expect(history).not.toMatch(/delivered/);
    expect(history).toContain('已向微信支付请求收款码');
    historyStore.setState({ detail: null });
  });

  it('the cashier prompt is titled 更换收银员 when someone is signed in', async () => {
    cashierStore.setState({ view: { cashier: { id: '001', name: '张三', since: 1 }, ask: true, list: [] }, open: true, typed: '', busy: false, error: null });
    await act(async () => root.render(<CashierPrompt />));
    expect(host.querySelector('#cashier-prompt-title')!.textContent).toBe('更换收银员');
    await act(async () => cashierStore.setState({ view: { cashier: null, ask: true, list: [] } }));
    expect(host.querySelector('#cashier-prompt-title')!.textContent).toBe('收银员签到');
    cashierStore.setState({ view: null, open: false });
  });

  it('the held scan says the part not for promotions typed beside the total', async () => {
    await act(async () => root.render(<AmountEntry sale={{ phase: 'amount', draft: { amountText: '30', note: '', undiscountableText: '10' }, problem: null, heldScan: { code: '134567890123456713', last4: '6713', at: 1 } }} />));
    expect(text('held-scan')).toContain('其中不参与优惠 ¥10.00');
    await act(async () => root.render(<AmountEntry sale={{ phase: 'amount', draft: { amountText: '30', note: '' }, problem: null, heldScan: { code: '134567890123456713', last4: '6713', at: 1 } }} />));
    expect(text('held-scan')).not.toContain('不参与优惠');
  });

  it('the settings say operator_id is used only when nobody is signed in', async () => {
    await loadSettings();
    await act(async () => root.render(<SettingsScreen />));
    const field = [...host.querySelectorAll('label, .field')].find((el) => el.textContent?.includes('收银员编号 operator_id'));
    expect(field?.textContent).toContain('仅在无人签到时使用');
  });
});
