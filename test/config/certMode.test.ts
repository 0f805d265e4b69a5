// Key mode or certificate mode (公钥证书), each validated whole, with the message in both languages.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../app/config/config.ts';
import { PosError } from '../../app/common/errors.ts';

const APP = '2021000123456789';
const certs = { appCertPath: 'appCertPublicKey.crt', alipayPublicCertPath: 'alipayCertPublicKey_RSA2.crt', alipayRootCertPath: 'alipayRootCert.crt' };
const promo = { id: 'spring', minSpend: '50.00', amount: '2.00', dailyBudget: '200.00', title: '感谢光临' };

function refused(raw: unknown): PosError {
  try {
    parseConfig(raw, '/shop', 'till.config.json');
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('alipay signing mode in the config', () => {
  it('reads certificate mode with all three files, relative to the config file', () => {
    const c = parseConfig({ alipay: { appId: APP, privateKeyPath: 'k.pem', ...certs }, promotions: [promo] }, '/shop');
    expect(c.alipay).toMatchObject({ signMode: 'cert', appCertPath: '/shop/appCertPublicKey.crt', alipayRootCertPath: '/shop/alipayRootCert.crt' });
    expect(c.promotions).toMatchObject([{ id: 'spring', amountFen: 200 }]);
  });

  it('reads key mode as before', () => {
    expect(parseConfig({ alipay: { appId: APP, privateKeyPath: 'k.pem', alipayPublicKeyPath: 'p.pem' } }, '/shop').alipay.signMode).toBe('key');
  });

  it.each([
    [{ alipay: { appId: APP, privateKeyPath: 'k.pem', appCertPath: 'a.crt' } }, /alipay\.alipayPublicCertPath, alipay\.alipayRootCertPath are missing/, /公钥证书模式需要三个证书文件/],
    [{ alipay: { appId: APP, privateKeyPath: 'k.pem', alipayPublicKeyPath: 'p.pem', ...certs } }, /both set; an Alipay app signs in one mode/, /只能使用一种加签方式/],
    [{ alipay: { appId: APP, ...certs } }, /alipay\.privateKeyPath is missing/, /缺少 alipay\.privateKeyPath/],
    [{ alipay: { appId: APP, privateKeyPath: 'k.pem' } }, /alipayPublicKeyPath is missing \(key mode\), and so are alipay\.appCertPath/, /既未配置/],
    [{ alipay: { appId: APP, privateKeyPath: 'k.pem', alipayPublicKeyPath: 'p.pem' }, promotions: [promo] }, /promotions \(cash red packets\) need certificate mode/, /现金红包（promotions）需要公钥证书模式/],
    [{ promotions: [{ ...promo, dailyBudget: '1.00' }] }, /promotions\[0\] \(spring\)\.dailyBudget/, /每日预算/],
  ])('refuses %j', (raw, en, zh) => {
    const e = refused(raw);
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toMatch(/till\.config\.json/);
    expect(e.message).toMatch(en);
    expect(e.toData().messageZh).toMatch(zh);
  });
});
