import { describe, expect, it } from 'vitest';
import { CODE_RULES, classifyCode, mask } from '../../app/common/codes.ts';

describe('classifyCode', () => {
  it.each([
    ['286734438256643941', 'alipay'], ['2512345678901234', 'alipay'], ['301234567890123456789012', 'alipay'],
    ['134567890123456789', 'wechat'], ['101234567890123456', 'wechat'], ['6212345678901234567', 'unionpay'],
  ])('classifies %s as %s', (code, provider) => {
    const c = classifyCode(code);
    expect(c.ok && c.provider).toBe(provider);
  });

  it('keeps an 18-digit code exact (it does not fit a JS number)', () => {
    const code = '289007199254740993';
    expect(Number(code).toString()).not.toBe(code);
    const c = classifyCode(code);
    expect(c.ok && c.code).toBe(code);
  });

  it.each([
    ['', /empty/], ['28abc4438256643941', /other than digits/], ['251234567890123', /16–24 digits, this one has 15/],
    ['3012345678901234567890123', /16–24 digits, this one has 25/], ['13456789012345678', /18 digits, this one has 17/],
    ['99123456789012345', /no wallet issues codes starting with 99/], ['01234567890123456789', /starting with 01/],
  ])('refuses %j with the reason', (code, reason) => {
    const c = classifyCode(code);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.reason).toMatch(reason);
      expect(c.reasonZh.length).toBeGreaterThan(0);
    }
  });

  it('takes its rules from data, so a new wallet is one row', () => {
    const rules = [...CODE_RULES, { provider: 'unionpay' as const, label: 'e-CNY', labelZh: '数字人民币', prefixes: ['01'], minLength: 19, maxLength: 19 }];
    expect(classifyCode('0123456789012345678', rules).ok).toBe(true);
    expect(classifyCode('0123456789012345678').ok).toBe(false);
  });
});

describe('mask', () => {
  it('shows only the last four digits', () => {
    expect(mask('286734438256643941')).toBe('**************3941');
    expect(mask('123')).toBe('****');
  });
});
