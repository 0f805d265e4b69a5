// The two parts of a sale's amount (issue 12): what may take part in promotions and what may not
// (cigarettes, deposits: 不参与优惠金额). Alipay's rule (qr-bills-transfers.md §5): total =
// discountable + undiscountable; when everything is discountable neither is sent. Checked here,
// before anything is journaled or sent, by the core and by the screen alike (pure code).
import { PosError } from '../errors.ts';
import { checkFen, fenToYuan, parseYuan, type Fen } from '../money.ts';

export type AmountParts = {
  /** 0 when the whole sale takes part in promotions. */
  undiscountableFen: number;
  /** total − undiscountable; 0 when nothing may be discounted. */
  discountableFen: number;
};

/**
 * Splits `totalFen` by the cashier's undiscountable part: a yuan string ("10.00", as typed or on the
 * command line) or a whole number of fen (from code). Absent, "" and 0 mean none. Refused with
 * INVALID_AMOUNT (zh/en) when it is not an amount, not whole fen, or more than the total.
 */
export function splitAmount(totalFen: Fen, undiscountable: string | number | undefined | null): AmountParts {
  if (undiscountable === undefined || undiscountable === null || undiscountable === '' || undiscountable === 0) return { undiscountableFen: 0, discountableFen: totalFen };
  let fen: Fen;
  try {
    fen = typeof undiscountable === 'number' ? checkFen(undiscountable) : /^0+(\.0{1,2})?$/.test(undiscountable.trim()) ? (0 as Fen) : parseYuan(undiscountable);
  } catch (e) {
    if (!(e instanceof PosError)) throw e;
    const zh = e.toData().messageZh.replace(/^[^：]*：/, '');
    throw new PosError('INVALID_AMOUNT', `the amount not eligible for promotions: ${e.message.replace(/^[^:]*: /, '')}`, { detailZh: `不参与优惠金额：${zh}`, details: { field: 'undiscountable', ...(e.details ?? {}) } });
  }
  if (fen === 0) return { undiscountableFen: 0, discountableFen: totalFen };
  if (fen > totalFen) {
    throw new PosError('INVALID_AMOUNT', `the amount not eligible for promotions (${fenToYuan(fen)}) is more than the sale's total (${fenToYuan(totalFen)})`, {
      detailZh: `不参与优惠金额（${fenToYuan(fen)}）不能大于订单金额（${fenToYuan(totalFen)}）`,
      details: { field: 'undiscountable', undiscountableFen: fen, totalFen },
    });
  }
  return { undiscountableFen: fen, discountableFen: totalFen - fen };
}

/** Alipay operator_id is at most 28 characters; the same id goes to WeChat and the journal. */
export const CASHIER_ID_PATTERN = /^[A-Za-z0-9_.-]{1,28}$/;

/** A cashier's id as typed or chosen (trimmed); refused with INVALID_ARGUMENT (zh/en) otherwise. */
export function checkCashierId(id: string): string {
  const t = id.trim();
  if (!CASHIER_ID_PATTERN.test(t)) {
    throw new PosError('INVALID_ARGUMENT', `cashier id ${JSON.stringify(t.slice(0, 40))} must be 1–28 letters, digits, _ . or -`, {
      detailZh: `收银员编号“${t.slice(0, 40)}”须为 1–28 位字母、数字或 _ . -`,
      details: { field: 'cashier' },
    });
  }
  return t;
}
