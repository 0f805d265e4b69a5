// What the till says aloud when a payment is paid (issue 9 item 11, field-notes.md item 20):
// "支付宝到账十八元八角", as Chinese counter apps say it. Pure: an amount in fen and the provider
// in, the clips to join out, so the words are tested without a speaker.
import type { Provider } from '../codes.ts';
import type { Clip } from './clips.ts';

const DIGIT: readonly Clip[] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const WALLET: Record<Provider, Clip> = { alipay: '支付宝', wechat: '微信', unionpay: '云闪付' };

/** 1–9999 read with its inner zeros: 1005 → 一千零五, 1010 → 一千零一十. */
function section(n: number): Clip[] {
  const out: Clip[] = [];
  const units: readonly (Clip | null)[] = ['千', '百', '十', null];
  let zero = false;
  [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10].forEach((d, i) => {
    if (d === 0) {
      if (out.length > 0) zero = true;
      return;
    }
    if (zero) out.push('零');
    zero = false;
    out.push(DIGIT[d] as Clip);
    const unit = units[i];
    if (unit) out.push(unit);
  });
  return out;
}

/** A whole number of yuan, 0 to 999,999,999,999, in words: 100000 → 十万, 10005 → 一万零五. */
export function integerClips(n: number): Clip[] {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`cannot read ${n} aloud`);
  if (n === 0) return ['零'];
  const out: Clip[] = [];
  let gap = false;
  for (const [group, unit] of [[Math.floor(n / 1e8), '亿'], [Math.floor(n / 1e4) % 1e4, '万'], [n % 1e4, null]] as const) {
    if (group === 0) {
      if (out.length > 0) gap = true;
      continue;
    }
    // 一万零五, 一亿零一万: a missing thousand inside the number is said as one 零.
    if (out.length > 0 && (gap || group < 1000)) out.push('零');
    gap = false;
    out.push(...section(group));
    if (unit) out.push(unit);
  }
  // 十八, 十万: a leading 一十 is said 十.
  if (out[0] === '一' && out[1] === '十') out.shift();
  return out;
}

/** The amount in 元/角/分: 18.80 → 十八元八角, 0.05 → 五分, 18.05 → 十八元零五分. */
export function amountClips(amountFen: number): Clip[] {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError(`cannot read ${amountFen} fen aloud`);
  const yuan = Math.floor(amountFen / 100);
  const jiao = Math.floor(amountFen / 10) % 10;
  const fen = amountFen % 10;
  const out: Clip[] = [];
  if (yuan > 0) out.push(...integerClips(yuan), '元');
  if (jiao > 0) out.push(DIGIT[jiao] as Clip, '角');
  else if (fen > 0 && yuan > 0) out.push('零');
  if (fen > 0) out.push(DIGIT[fen] as Clip, '分');
  return out;
}

/** "支付宝 到账 十 八 元 八 角": the clips of a paid announcement. */
export function paidAnnouncement(amountFen: number, provider: Provider): Clip[] {
  return [WALLET[provider], '到账', ...amountClips(amountFen)];
}
