// Reading biz_content. A wrong business parameter is answered the way Alipay answers it (40002
// isv.invalid-parameter naming the field), never by a crash or a silent default.
import { MAX_AMOUNT_FEN, MIN_AMOUNT_FEN, yuanToFen } from '../../common/money.ts';
import { Refusal, invalidArgument } from './answers.ts';

export type Biz = Record<string, unknown>;

const invalid = (why: string) => new Refusal(invalidArgument('isv.invalid-parameter', why));

export function optionalText(biz: Biz, key: string): string | undefined {
  const v = biz[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw invalid(`参数 ${key} 必须是字符串 (${key} must be a string)`);
  return v;
}

export function requiredText(biz: Biz, key: string): string {
  const v = optionalText(biz, key);
  if (v === undefined) throw invalid(`缺少必选参数 ${key} (${key} is required)`);
  return v;
}

/** Alipay documents letters, digits and underscores, at most 64; the hyphen is tolerated too. */
const OUT_NO = /^[A-Za-z0-9_-]{1,64}$/;

export function merchantNo(biz: Biz, key: 'out_trade_no' | 'out_request_no'): string {
  const v = optionalMerchantNo(biz, key);
  if (v === undefined) throw invalid(`缺少必选参数 ${key} (${key} is required)`);
  return v;
}

export function optionalMerchantNo(biz: Biz, key: 'out_trade_no' | 'out_request_no'): string | undefined {
  const v = optionalText(biz, key);
  if (v !== undefined && !OUT_NO.test(v)) throw invalid(`参数 ${key} 格式错误 (${key} must be 1–64 letters, digits or _)`);
  return v;
}

/** A yuan string ("12.34", at most two decimals) within 0.01 … 100000000.00, as fen. */
export function amountFen(biz: Biz, key: 'total_amount' | 'refund_amount'): number {
  const text = requiredText(biz, key);
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) throw invalid(`参数 ${key} 格式错误 (${key} must be yuan like 12.34, got ${JSON.stringify(text)})`);
  const fen = yuanToFen(text);
  if (fen < MIN_AMOUNT_FEN || fen > MAX_AMOUNT_FEN) throw invalid(`参数 ${key} 超出范围 (${key} must be 0.01–100000000.00, got ${text})`);
  return fen;
}

/**
 * undiscountable_amount / discountable_amount (issue 12, qr-bills-transfers.md §5) as the
 * undiscountable part in fen: each 0.01 … total; with both, they must add up to the total;
 * discountable alone leaves the rest undiscountable. Neither: 0 (all of it discountable).
 */
export function undiscountableFen(biz: Biz, totalFen: number): number {
  const part = (key: string): number | undefined => {
    const text = optionalText(biz, key);
    if (text === undefined) return undefined;
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) throw invalid(`参数 ${key} 格式错误 (${key} must be yuan like 12.34, got ${JSON.stringify(text)})`);
    const fen = yuanToFen(text);
    if (fen < MIN_AMOUNT_FEN || fen > totalFen) throw invalid(`参数 ${key} 超出范围 (${key} must be 0.01 … total_amount, got ${text})`);
    return fen;
  };
  const undiscountable = part('undiscountable_amount');
  const discountable = part('discountable_amount');
  if (undiscountable !== undefined && discountable !== undefined && undiscountable + discountable !== totalFen) {
    throw invalid('参数 discountable_amount 与 undiscountable_amount 之和必须等于 total_amount (the two parts must add up to total_amount)');
  }
  return undiscountable ?? (discountable === undefined ? 0 : totalFen - discountable);
}

export type TradeRef = { outTradeNo?: string; tradeNo?: string };

/** query, cancel, close and refund name the trade by out_trade_no or trade_no. */
export function tradeRef(biz: Biz): TradeRef {
  const outTradeNo = optionalText(biz, 'out_trade_no');
  const tradeNo = optionalText(biz, 'trade_no');
  if (outTradeNo === undefined && tradeNo === undefined) throw invalid('out_trade_no 和 trade_no 不能同时为空 (give out_trade_no or trade_no)');
  return { ...(outTradeNo === undefined ? {} : { outTradeNo }), ...(tradeNo === undefined ? {} : { tradeNo }) };
}
