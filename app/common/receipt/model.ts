// What a receipt says, as the journal knows it. The layout (layout.ts) turns one of these into
// lines; text, ESC/POS, raster and PNG output all print those same lines.
import type { Provider } from '../codes.ts';
import type { PaidLine } from '../paidAmounts.ts';

/** Epoch milliseconds (printed in Shanghai time), or a time the caller has already formatted. */
export type ReceiptTime = number | string;

type Header = {
  shopName: string;
  /** '' when not configured: the line is left out. */
  storeId: string;
  terminalId: string;
  /** The cashier. */
  operatorId: string;
  /** Training mode: the receipt carries a loud 培训模式 / TRAINING mark at the top and bottom. */
  training: boolean;
};

type Payment = {
  time: ReceiptTime;
  amountFen: number;
  provider: Provider;
  /** The gateway's trade number; null while the gateway has not given one. */
  tradeNo: string | null;
  /** The till's own number for the payment: printed as a QR code so a refund can find it. */
  outTradeNo: string;
  /** The buyer's account as the gateway masks it ("159****5620"); masked again if it is not. */
  buyer: string | null;
  /** The payment attempt's state (AttemptState) or any other word the journal uses. */
  status: string;
};

export type SaleReceipt = Header & Payment & {
  type: 'sale';
  /** The cashier's note on the sale (it was the payment's subject). */
  note?: string;
  /** Printed again from a payment's detail: marked 重打印 so it is not taken for a second sale. */
  reprint?: boolean;
  /** The sale's cash red packet (issue 14): "已获得现金红包 ¥2.00", or that it is on its way. */
  cashback?: string;
  /** Settled refunds of the sale so far (issue 9 item 7): a reprint shows them and the net. */
  refundedFen?: number;
  /**
   * What the customer paid and the shop receives (issue 12): 订单金额 / 商家优惠 / 平台优惠 / 顾客实付 /
   * 商家实收 / 可开票金额, from the paid answer (paidLines). Absent or empty when all equal the total.
   */
  amounts?: PaidLine[];
  /** The part the cashier marked not eligible for promotions (issue 12, 不参与优惠); absent when none. */
  undiscountableFen?: number;
  /** 'qr': the customer scanned the till's code (issue 11): 支付方式 reads "支付宝 扫码支付". Absent: a scanned payment code. */
  method?: 'qr';
};

export type RefundReceipt = Header & Payment & {
  type: 'refund';
  /** This refund. `time` is when it was made; `amountFen` stays the original payment. */
  refundFen: number;
  /** All successful refunds of the payment, this one included. */
  refundedTotalFen: number;
  /** What can still be refunded. */
  leftFen: number;
  outRequestNo: string;
  reprint?: boolean;
};

export type ReportRow = { provider: Provider; status: string; count: number; amountFen: number };

/** The day and shift reports: X shows running totals and changes nothing; Z closes the day. */
export type ReportReceipt = Header & {
  type: 'report';
  kind: 'X' | 'Z';
  /** The business day, "YYYY-MM-DD". */
  date: string;
  byProvider: ReportRow[];
  refunds: { count: number; amountFen: number };
  netFen: number;
  printedAt: ReceiptTime;
  /** Payments whose outcome is still unknown: they are not in the totals yet. */
  unresolved?: number;
  /** Z reports are numbered in sequence; the number of this day's close. */
  zNumber?: number;
  /** The day was already closed: this prints that close's totals again. */
  reprint?: boolean;
  /**
   * Who was on duty in the period (issue 12): paid payments and refunds by cashier, from the
   * journal. One: printed as 收银员 in place of the configured operator; several: a table of their
   * counts and sums. Absent when no cashier signed in all period (then operatorId, as sent).
   */
  cashiers?: ReportCashier[];
};

/** `id` null: payments or refunds taken while nobody was signed in (未登录). */
export type ReportCashier = { id: string | null; name: string | null; count: number; amountFen: number; refundCount: number; refundFen: number };

export type ReceiptData = SaleReceipt | RefundReceipt | ReportReceipt;

export type PaperWidth = 58 | 80;

/** Columns of the printer's standard font (12×24 dots) on each paper: 384 and 576 printable dots. */
export const PAPER: Readonly<Record<PaperWidth, { columns: number; dots: number }>> = {
  58: { columns: 32, dots: 384 },
  80: { columns: 48, dots: 576 },
};

/** `large` is double width and height (so half the columns); it is also bold. */
export type LineStyle = 'normal' | 'bold' | 'large';

export type ReceiptLine =
  /** Already aligned with spaces; never wider than the paper's columns (half of them when large). */
  | { kind: 'text'; text: string; style: LineStyle }
  /** A QR code carrying `data`, centred. */
  | { kind: 'qr'; data: string };

export type ReceiptLayout = { paper: PaperWidth; columns: number; lines: ReceiptLine[] };
