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
