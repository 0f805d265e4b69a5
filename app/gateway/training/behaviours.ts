// What the training gateway does with a scanned code. The cashier picks an outcome by the code's
// last two digits, so every failure the till must survive can be rehearsed at the counter and in
// tests with the real client (docs/training-gateway.md prints this table).
import type { TrainingDiscount } from './discounts.ts';

export type Behaviour =
  /** billExtraFen: the day's bill lists this trade that much above what was charged (a planted 对账 difference). */
  | { kind: 'pays-now'; billExtraFen?: number; discount?: TrainingDiscount }
  | { kind: 'waits-then-pays'; paysAfterMs: number }
  | { kind: 'never-pays' }
  | { kind: 'declines'; subCode: string; subMsg: string }
  | { kind: 'system-error-but-paid' }
  | { kind: 'slow-answer'; answerAfterMs: number }
  | { kind: 'drops-connection-after-charge' }
  | { kind: 'forged-answer' }
  | { kind: 'cancel-needs-retry'; retriesBeforeOk: number }
  | { kind: 'amount-mismatch' }
  /** QR (precreate) trades, by the amount's last two fen digits (QR_AMOUNT_TABLE): scanned, then never paid. */
  | { kind: 'qr-abandoned' }
  /** QR: close answers ACQ.TRADE_NOT_EXIST while the code is unscanned and does not kill it (the [UNVERIFIED] case). */
  | { kind: 'qr-close-misses-unscanned' };

export type CodeTableTimes = { paysAfterMs: number; slowAnswerMs: number };

export type CodeTableRow = {
  /** The scanned code's last two digits. */
  suffix: string;
  /** A code a cashier can type or a test can send: a valid-looking 18-digit Alipay code. */
  example: string;
  what: string;
  behaviour: (t: CodeTableTimes) => Behaviour;
};

export const DEFAULT_PAYS_AFTER_MS = 3000;
export const DEFAULT_SLOW_ANSWER_MS = 20_000;
export const CANCEL_RETRIES_BEFORE_OK = 2;
/** The planted bill difference of code …12: the bill says one yuan more than was charged. */
export const BILL_EXTRA_FEN = 100;

/** 16 digits that look like an Alipay code (prefix 28); a row's suffix completes it to 18. */
const EXAMPLE_STEM = '2876543210123456';

const row = (suffix: string, what: string, behaviour: (t: CodeTableTimes) => Behaviour): CodeTableRow =>
  ({ suffix, example: `${EXAMPLE_STEM}${suffix}`, what, behaviour });

export const CODE_TABLE: readonly CodeTableRow[] = [
  row('00', 'pays at once (10000); so does every suffix not listed here', () => ({ kind: 'pays-now' })),
  row('01', 'asks the buyer to confirm (10003), pays after paysAfterMs', (t) => ({ kind: 'waits-then-pays', paysAfterMs: t.paysAfterMs })),
  row('02', 'asks the buyer to confirm (10003), never pays', () => ({ kind: 'never-pays' })),
  row('03', 'declines: ACQ.BUYER_BALANCE_NOT_ENOUGH', () => ({ kind: 'declines', subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH', subMsg: '买家余额不足' })),
  row('04', 'declines: ACQ.PAYMENT_AUTH_CODE_INVALID', () => ({ kind: 'declines', subCode: 'ACQ.PAYMENT_AUTH_CODE_INVALID', subMsg: '付款码无效，请刷新' })),
  row('05', 'charges, but answers 20000 ACQ.SYSTEM_ERROR', () => ({ kind: 'system-error-but-paid' })),
  row('06', 'charges, answers 10000 only after slowAnswerMs', (t) => ({ kind: 'slow-answer', answerAfterMs: t.slowAnswerMs })),
  row('07', 'charges, then drops the connection without answering', () => ({ kind: 'drops-connection-after-charge' })),
  row('08', 'never charges, but answers 10000 signed with a wrong key', () => ({ kind: 'forged-answer' })),
  row('09', `never pays; the first ${CANCEL_RETRIES_BEFORE_OK} cancels answer retry_flag Y`, () => ({ kind: 'cancel-needs-retry', retriesBeforeOk: CANCEL_RETRIES_BEFORE_OK })),
  row('10', 'charges; pay and query answers say total_amount + 1.00', () => ({ kind: 'amount-mismatch' })),
  row('11', 'declines: ACQ.PAYMENT_REQUEST_HAS_RISK', () => ({ kind: 'declines', subCode: 'ACQ.PAYMENT_REQUEST_HAS_RISK', subMsg: '支付存在风险，请更换付款方式' })),
  row('12', `pays at once; the day's bill lists it ${BILL_EXTRA_FEN / 100}.00 above what was charged (a planted 对账 difference)`, () => ({ kind: 'pays-now', billExtraFen: BILL_EXTRA_FEN })),
  row('13', 'pays at once with a 2.00 merchant voucher (商家券): 商家实收 and 顾客实付 are 2.00 less', () => ({ kind: 'pays-now', discount: 'merchant-voucher' })),
  row('14', 'pays at once with a 1.00 Alipay red packet: 顾客实付 1.00 less, 商家实收 the full total', () => ({ kind: 'pays-now', discount: 'platform-red-packet' })),
  row('15', 'pays at once, 0.50 of it in 集分宝 points (point_amount)', () => ({ kind: 'pays-now', discount: 'points' })),
];

/** What a training customer does with a QR code, by the amount's last two fen digits (issue 11). */
export const QR_AMOUNT_TABLE: ReadonlyArray<{ fen: string; what: string; behaviour: Behaviour }> = [
  { fen: '00', what: 'pays when the QR is scanned (so does every ending not listed)', behaviour: { kind: 'pays-now' } },
  { fen: '97', what: 'scans, then never pays (the QR expires or is closed unpaid)', behaviour: { kind: 'qr-abandoned' } },
  { fen: '98', what: "close answers ACQ.TRADE_NOT_EXIST until the scan and does not kill the code: a scan after the cashier's cancel still pays (the till refunds it)", behaviour: { kind: 'qr-close-misses-unscanned' } },
];

export function qrBehaviourForAmount(totalFen: number): Behaviour {
  const fen = String(totalFen % 100).padStart(2, '0');
  return (QR_AMOUNT_TABLE.find((r) => r.fen === fen) ?? QR_AMOUNT_TABLE[0]!).behaviour;
}

export function behaviourForCode(authCode: string, t: CodeTableTimes): Behaviour {
  const suffix = authCode.slice(-2);
  return (CODE_TABLE.find((r) => r.suffix === suffix) ?? CODE_TABLE[0]!).behaviour(t);
}

/** The table as plain text, for `pos gateway-sim`. */
export function describeCodeTable(t: CodeTableTimes): string {
  return CODE_TABLE.map((r) => `  …${r.suffix}  ${r.example}  ${r.what}`).join('\n')
    + `\n  (paysAfterMs = ${t.paysAfterMs}, slowAnswerMs = ${t.slowAnswerMs})`;
}
