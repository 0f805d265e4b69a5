// The spoken announcement's vocabulary (issue 9 item 11): one short WAV clip per word, made once
// by scripts/make-sounds.ts with espeak-ng's Mandarin voice and kept in assets/sounds/voice/, so
// nothing at build or run time needs a speech engine. The pinyin is what the engine is fed:
// Debian's espeak-ng reads most characters of its `cmn` voice as English spellings of pinyin
// ("八" → "ba one"), while its `cmn-latn-pinyin` voice says pinyin with tone numbers right.

export const CLIPS = {
  支付宝: { file: 'alipay', pinyin: 'zhi1 fu4 bao3' },
  微信: { file: 'wechat', pinyin: 'wei1 xin4' },
  云闪付: { file: 'unionpay', pinyin: 'yun2 shan3 fu4' },
  到账: { file: 'received', pinyin: 'dao4 zhang4' },
  零: { file: 'ling', pinyin: 'ling2' },
  一: { file: 'yi', pinyin: 'yi1' },
  二: { file: 'er', pinyin: 'er4' },
  三: { file: 'san', pinyin: 'san1' },
  四: { file: 'si', pinyin: 'si4' },
  五: { file: 'wu', pinyin: 'wu3' },
  六: { file: 'liu', pinyin: 'liu4' },
  七: { file: 'qi', pinyin: 'qi1' },
  八: { file: 'ba', pinyin: 'ba1' },
  九: { file: 'jiu', pinyin: 'jiu3' },
  十: { file: 'shi', pinyin: 'shi2' },
  百: { file: 'bai', pinyin: 'bai3' },
  千: { file: 'qian', pinyin: 'qian1' },
  万: { file: 'wan', pinyin: 'wan4' },
  亿: { file: 'yiyi', pinyin: 'yi4' },
  元: { file: 'yuan', pinyin: 'yuan2' },
  角: { file: 'jiao', pinyin: 'jiao3' },
  分: { file: 'fen', pinyin: 'fen1' },
  点: { file: 'dian', pinyin: 'dian3' },
} as const satisfies Record<string, { file: string; pinyin: string }>;

export type Clip = keyof typeof CLIPS;

export const CLIP_NAMES = Object.keys(CLIPS) as Clip[];

/** Where the page fetches a clip (vite emits assets/sounds/voice/* under sounds/voice/). */
export function clipUrl(clip: Clip): string {
  return `sounds/voice/${CLIPS[clip].file}.wav`;
}
