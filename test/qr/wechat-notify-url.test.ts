// wechat.notifyUrl (issue 11): WeChat requires a notify_url on Native orders; the till never relies
// on it (it polls), but what it sends must be an https address WeChat can reach. The config loader
// says so in both languages; a training till needs none (a fixed placeholder is sent).
import { describe, expect, it } from 'vitest';
import type { PosError } from '../../app/common/errors.ts';
import { parseConfig } from '../../app/config/config.ts';

function refusal(raw: unknown): PosError {
  try {
    parseConfig(raw, '/tmp');
  } catch (e) {
    return e as PosError;
  }
  throw new Error('accepted');
}

describe('wechat.notifyUrl', () => {
  it('an https address is taken as is, in training and live alike', () => {
    expect(parseConfig({ wechat: { notifyUrl: 'https://hq.example.com/wechat/notify' } }, '/tmp').wechat?.notifyUrl).toBe('https://hq.example.com/wechat/notify');
  });

  it('is optional: without it the resolved config has none (training sends its placeholder; a live till offers no WeChat QR)', () => {
    expect(parseConfig({}, '/tmp').wechat?.notifyUrl).toBeUndefined();
  });

  it.each([
    ['plain http', 'http://hq.example.com/wechat/notify'],
    ['this machine', 'https://127.0.0.1/notify'],
    ['localhost', 'https://localhost:8443/notify'],
    ['not a URL', 'hq.example.com/notify'],
    ['credentials in it', 'https://user:pw@hq.example.com/notify'],
  ])('%s is refused naming the key, in Chinese too', (_what, url) => {
    const e = refusal({ wechat: { notifyUrl: url } });
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toContain('wechat.notifyUrl');
    expect(e.detailZh).toContain('wechat.notifyUrl');
    expect(e.detailZh).toContain('https://');
  });
});
