import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../app/config/config.ts';

describe('parseConfig', () => {
  it('is training with no credentials, with paths relative to the file', () => {
    const c = parseConfig({ dataDir: 'd' }, '/srv/till');
    expect(c).toMatchObject({ mode: 'training', dataDir: '/srv/till/d', alipay: { gateway: undefined } });
  });

  it('is live with app id and both keys, defaulting to Alipay\'s gateway', () => {
    const c = parseConfig({ alipay: { appId: '2021000123456789', privateKeyPath: 'k/app.pem', alipayPublicKeyPath: 'k/alipay.pem', storeId: 'S01' } }, '/srv');
    expect(c).toMatchObject({ mode: 'live', alipay: { gateway: 'https://openapi.alipay.com/gateway.do', privateKeyPath: '/srv/k/app.pem', storeId: 'S01' } });
  });

  it.each([
    [{ alipay: { appId: '2021000123456789', privateKeyPath: 'a' } }, /alipayPublicKeyPath is missing/],
    [{ alipay: { appId: '123' } }, /16-digit Alipay app id/],
    [{ alipay: { privateKeyPath: 'a' } }, /alipay.appId is missing/],
    [{ payment: { waitSeconds: 0 } }, /payment.waitSeconds: Too small/],
    [{ payment: { requestTimeoutMs: '15s' } }, /requestTimeoutMs: Invalid input: expected number/],
    [{ alipay: { gateway: 'ftp://x' } }, /alipay.gateway/],
    [{ alipay: { storeId: 'a b' } }, /letters, digits/],
    [[], /expected object/],
  ])('refuses %j, saying what is wrong', (raw, why) => {
    expect(() => parseConfig(raw, '/x', 'till.json')).toThrow(why);
  });
});

describe('loadConfig', () => {
  it('uses ./till.config.json when present and defaults otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    expect(loadConfig(undefined, dir).mode).toBe('training');
    writeFileSync(join(dir, 'till.config.json'), JSON.stringify({ shop: { name: '示例便利店' } }));
    expect(loadConfig(undefined, dir).shopName).toBe('示例便利店');
  });
});
