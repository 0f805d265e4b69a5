// One line of a provider's daily bill, provider-neutral and in integer money: what the matcher
// compares with the journal (qr-bills-transfers.md §3.3). Parsers for each provider's file produce
// these; nothing past the parser knows a column name.

export type BillProvider = 'alipay' | 'wechat';

export type BillLine = {
  provider: BillProvider;
  kind: 'payment' | 'refund';
  /** The merchant's order number: the till's out_trade_no. */
  outTradeNo: string;
  /** Refunds only: the till's out_request_no (Alipay) / out_refund_no (WeChat). */
  outRefundNo: string | null;
  /** The provider's own trade number (支付宝交易号 / 微信订单号). */
  tradeNo: string;
  /** Payments: 订单金额; refunds: the refunded amount, positive. Fen. */
  amountFen: number;
  /** 商家实收 (Alipay) / 应结订单金额 (WeChat): what the shop is credited, before fees; refunds negative. Fen. */
  receivedFen: number;
  /** 服务费 / 手续费 charged (positive; a refund that returns fee is negative), in thousandths of a fen: WeChat writes fees to 0.00001 yuan = 1/1000 fen. */
  feeMilliFen: number;
  /** Discounts funded by the merchant (商家优惠 + 商家红包 + 券) and by the platform, fen. */
  merchantDiscountFen: number;
  platformDiscountFen: number;
  /** Beijing time as the bill writes it, "2026-06-05 10:11:12"; completion time when the bill has one. */
  finishedAt: string;
  storeId: string;
  terminalId: string;
  operatorId: string;
  /** 1-based line number in the bill file, so a difference can be found in the raw file. */
  fileLine: number;
};

/** Totals a bill states about itself; the parser checks its own lines against them. */
export type BillTotals = { paymentCount: number; refundCount: number; receivedFen: number; feeMilliFen: number | null };

/** A bill being read: lines may be produced as they are read (and throw BILL_INVALID at the end). */
export type BillReading = { provider: BillProvider; day: string; lines: Iterable<BillLine> };

export type Bill = {
  provider: BillProvider;
  /** yyyy-MM-dd (Beijing) */
  day: string;
  lines: BillLine[];
  totals: BillTotals;
  /** Where the file as downloaded is kept (data folder), for a dispute. */
  rawPath: string | null;
};
