import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en.ts';
import { translate } from '../../renderer/i18n/catalogue.ts';
import { zhCN } from '../../renderer/i18n/zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the catalogue', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, zh] of Object.entries(zhCN)) {
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(zh));
      expect(zh.trim(), key).not.toBe('');
      expect(en[key as keyof typeof en].trim(), key).not.toBe('');
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'sale.paying.elapsed', { seconds: 12 })).toBe('Waiting for 12 s');
    expect(translate('zh-CN', 'sale.paying.elapsed', { seconds: 12 })).toBe('已等待 12 秒');
    expect(translate('en', 'sale.paying.elapsed')).toBe('Waiting for {seconds} s');
  });

  it('keeps the training banner bilingual in Chinese', () => {
    expect(zhCN['training.banner']).toMatch(/培训模式 TRAINING/);
  });
});

describe('core errors on the Chinese screen (issue 9 item 9)', () => {
  it('uses the core\'s Chinese text, and never an English detail behind a Chinese title', async () => {
    const { errorText } = await import('../../renderer/i18n/catalogue.ts');
    const { PosError } = await import('../../app/common/errors.ts');
    const withZh = new PosError('PRINTER_OFFLINE', 'no printer is configured', { detailZh: '未设置小票打印机' }).toData();
    expect(errorText('zh-CN', withZh)).toBe('打印机离线：未设置小票打印机');
    const leaked = new PosError('PRINTER_OFFLINE', 'no printer is set up (Settings → Printer)').toData();
    expect(leaked.messageZh).toContain('no printer');
    expect(errorText('zh-CN', leaked)).not.toMatch(/[A-Za-z]{3,}/);
    expect(errorText('zh-CN', leaked)).toMatch(/^打印机离线：/);
    expect(errorText('zh-CN', { code: 'GATEWAY_UNKNOWN_OUTCOME', message: 'socket hang up', messageZh: 'socket hang up' })).toMatch(/^支付结果未知/);
    expect(errorText('en', leaked)).toBe(leaked.message);
  });
});
