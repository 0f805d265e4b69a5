// English for counter.zh-CN.ts, key for key.
import type { counterZhCN } from './counter.zh-CN.ts';

export const counterEn: { readonly [K in keyof typeof counterZhCN]: string } = {
  'sound.section': 'Sound',
  'sound.voice': 'Spoken announcements',
  'sound.voiceHint': 'Says “支付宝到账十八元八角” (in Mandarin) when a payment is paid',
  'sound.volume': 'Volume {percent}%',
  'sound.savedHere': 'Applies at once, kept on this screen',
  'sound.try': 'Try it',
};
