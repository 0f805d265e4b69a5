// The words of the counter's extra screens (issue 9 items 11–15): sound, shift and day close,
// receipt refunds and preview, the customer display's reasons. Spread into zh-CN.ts; kept apart so
// two people adding words do not edit the same lines.
export const counterZhCN = {
  'sound.section': '声音',
  'sound.voice': '语音播报',
  'sound.voiceHint': '收款成功时播报“支付宝到账十八元八角”',
  'sound.volume': '音量 {percent}%',
  'sound.savedHere': '立即生效，保存在本机',
  'sound.try': '试听',
} as const;
