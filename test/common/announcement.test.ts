// issue 9 item 11: the words of "支付宝到账十八元八角" for given amounts, clip by clip.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { amountClips, integerClips, paidAnnouncement } from '../../app/common/speech/announcement.ts';
import { CLIPS, CLIP_NAMES } from '../../app/common/speech/clips.ts';
import { parseWav } from '../../app/common/speech/wav.ts';
import { yuanToFen } from '../../app/common/money.ts';

const said = (yuan: string, provider: 'alipay' | 'wechat' = 'alipay') => paidAnnouncement(yuanToFen(yuan), provider).join(' ');

describe('the paid announcement', () => {
  it.each([
    ['18.80', '支付宝 到账 十 八 元 八 角'],
    ['1005.00', '支付宝 到账 一 千 零 五 元'],
    ['0.05', '支付宝 到账 五 分'],
    ['10.10', '支付宝 到账 十 元 一 角'],
    ['100000.00', '支付宝 到账 十 万 元'],
    ['18.05', '支付宝 到账 十 八 元 零 五 分'],
    ['0.50', '支付宝 到账 五 角'],
    ['110.00', '支付宝 到账 一 百 一 十 元'],
    ['1010.00', '支付宝 到账 一 千 零 一 十 元'],
    ['10005.00', '支付宝 到账 一 万 零 五 元'],
    ['100010.00', '支付宝 到账 十 万 零 一 十 元'],
    ['12345.67', '支付宝 到账 一 万 二 千 三 百 四 十 五 元 六 角 七 分'],
    ['100000000.00', '支付宝 到账 一 亿 元'],
  ])('%s → %s', (yuan, words) => {
    expect(said(yuan)).toBe(words);
  });

  it('names the wallet that paid', () => {
    expect(said('1.00', 'wechat')).toBe('微信 到账 一 元');
  });

  it('reads whole numbers with their inner zeros said once', () => {
    expect(integerClips(0)).toEqual(['零']);
    expect(integerClips(10).join('')).toBe('十');
    expect(integerClips(20).join('')).toBe('二十');
    expect(integerClips(101).join('')).toBe('一百零一');
    expect(integerClips(1001000).join('')).toBe('一百万一千');
    expect(integerClips(10001000).join('')).toBe('一千万一千');
    expect(integerClips(100010000).join('')).toBe('一亿零一万');
    expect(integerClips(100000001).join('')).toBe('一亿零一');
  });

  it('refuses what is not an amount instead of saying something false', () => {
    expect(() => amountClips(0)).toThrow(RangeError);
    expect(() => amountClips(1.5)).toThrow(RangeError);
    expect(() => integerClips(-1)).toThrow(RangeError);
  });

  it('has a committed clip for every word, each a short 16-bit PCM WAV in one format', () => {
    for (const name of CLIP_NAMES) {
      const file = join(import.meta.dirname, '../../assets/sounds/voice', `${CLIPS[name].file}.wav`);
      expect(existsSync(file), name).toBe(true);
      const pcm = parseWav(readFileSync(file));
      expect([pcm.sampleRateHz, pcm.channels, pcm.bitsPerSample], name).toEqual([22_050, 1, 16]);
      const seconds = pcm.data.length / 2 / pcm.sampleRateHz;
      expect(seconds, name).toBeGreaterThan(0.1);
      expect(seconds, name).toBeLessThan(1.2);
    }
  });
});
