// The till's error taxonomy (design.md "Errors"): stable codes that cross IPC and the CLI as data,
// with a message for the cashier in Chinese and English. Programming bugs are BugError, not PosError.

export const ERROR_TEXT = {
  INVALID_AMOUNT: ['金额无效', 'Invalid amount'],
  UNSUPPORTED_CODE: ['无法识别的付款码', 'Unsupported payment code'],
  PROVIDER_NOT_CONFIGURED: ['未配置该支付方式', 'Payment provider not configured'],
  INVALID_CONFIG: ['配置文件有误', 'Invalid configuration'],
  INVALID_ARGUMENT: ['参数有误', 'Invalid argument'],
  ATTEMPT_UNRESOLVED: ['上一笔支付结果未确认，请先处理', 'A previous payment is not resolved yet'],
  PAYMENT_IN_PROGRESS: ['正在支付中', 'A payment is in progress'],
  PAYMENT_OTHER_SCREEN: ['另一个收银窗口正在处理这笔支付', 'Another screen of this till is handling this payment'],
  NOT_FOUND: ['找不到该交易', 'No such payment'],
  PAYMENT_DECLINED: ['支付失败', 'Payment declined'],
  GATEWAY_UNKNOWN_OUTCOME: ['支付结果未知，正在确认', 'Payment outcome unknown; confirming with the gateway'],
  GATEWAY_CONFIG_ERROR: ['支付宝配置错误', 'Alipay configuration error'],
  GATEWAY_MISMATCH: ['支付宝应答与订单不符', 'Gateway answer does not match the order'],
  SIGNATURE_INVALID: ['支付宝应答签名无效', 'Gateway answer signature invalid'],
  REFUND_EXCEEDS_PAID: ['退款金额超过可退金额', 'Refund exceeds what is left to refund'],
  REFUND_NOT_ALLOWED: ['该交易不能退款', 'This payment cannot be refunded'],
  REFUND_DECLINED: ['退款失败', 'Refund declined'],
  SCANNER_UNAVAILABLE: ['扫码枪不可用', 'Scanner unavailable'],
  PRINTER_OFFLINE: ['打印机离线', 'Printer offline'],
  PRINTER_PAPER_OUT: ['打印机缺纸', 'Printer out of paper'],
  PRINTER_COVER_OPEN: ['打印机盖未合上', 'Printer cover open'],
  PRINTER_ERROR: ['打印失败', 'Printing failed'],
  INTERNAL_ERROR: ['收银台内部错误', 'Internal error in the till'],
  RECEIPT_FONT_MISSING: ['缺少小票点阵字体', 'Receipt bitmap font not found'],
  SCANNER_PERMISSION_DENIED: ['无权访问扫码枪', 'No permission to open the scanner'],
  SCANNER_DEVICE_BUSY: ['扫码枪被系统或其他程序占用', 'The scanner is held by the system or another program'],
  RECOVERED_PAID: ['上一笔支付已确认收款，本次未扣款，请确认后再收', 'A previous payment was found paid; this one was not charged — confirm before charging'],
  REFUND_REPEATED: ['刚刚已退过相同金额，请确认是否再退一次', 'The same amount was just refunded; confirm to refund again'],
  REFUND_TOO_SOON: ['同一笔订单两次退款需间隔一分钟，请稍后再退', 'Two refunds of one order must be a minute apart; refund again shortly'],
  // Neutral: the syncer adds that it retries, a one-off command says to run it again (app/hq/hqUnreachable.ts).
  HQ_UNREACHABLE: ['无法连接总部服务器', 'Head office cannot be reached'],
  HQ_REFUSED: ['总部拒绝了本收银台的同步', 'Head office refused this till\'s sync'],
  BILL_INVALID: ['对账单无效，已拒收（未改动任何记录）', 'The bill file is not valid and was refused (nothing was changed)'],
  BILL_NOT_READY: ['对账单尚未生成', 'The bill for that day is not available yet'],
  NOT_ALLOWED: ['此屏幕无权执行该操作', 'This screen may not do that'],
  CONFIRMATION_REQUIRED: ['需要店长确认', 'A manager must confirm this change'],
  CASHIER_REQUIRED: ['请先登录收银员', 'Sign in a cashier first'],
} as const satisfies Record<string, readonly [zh: string, en: string]>;

export type ErrorCode = keyof typeof ERROR_TEXT;

export type ErrorData = { code: ErrorCode; message: string; messageZh: string; details?: Record<string, unknown> };

/** An expected failure with a stable code; `detail` says what exactly was wrong. */
export class PosError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly detailZh: string | undefined;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown; details?: Record<string, unknown>; detailZh?: string }) {
    super(detail ? `${ERROR_TEXT[code][1]}: ${detail}` : ERROR_TEXT[code][1], options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PosError';
    this.code = code;
    this.details = options?.details;
    this.detailZh = options?.detailZh ?? detail;
  }

  toData(): ErrorData {
    const zh = this.detailZh ? `${ERROR_TEXT[this.code][0]}：${this.detailZh}` : ERROR_TEXT[this.code][0];
    return { code: this.code, message: this.message, messageZh: zh, ...(this.details ? { details: this.details } : {}) };
  }
}

/** A broken invariant in the till's own code: never shown as a payment outcome. */
export class BugError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BugError';
  }
}

export function isPosError(e: unknown): e is PosError {
  return e instanceof PosError;
}
