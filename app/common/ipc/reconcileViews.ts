// What the 对账 screen shows of a day's reconciliation (issue 12): plain data over IPC, amounts in fen.
export type ReconcileDifferenceView = {
  kind: 'in-bill-not-in-till' | 'in-till-not-in-bill' | 'amount-differs' | 'twice-in-bill';
  what: 'payment' | 'refund';
  outTradeNo: string;
  outRefundNo: string | null;
  billAmountFen: number | null;
  tillAmountFen: number | null;
  tillState: string | null;
  /** The journal has this payment: the screen can open its detail. */
  inJournal: boolean;
};

export type ReconcileTally = { count: number; amountFen: number };

export type ReconcileView = {
  day: string;
  provider: 'alipay' | 'wechat';
  training: boolean;
  payments: { matched: ReconcileTally; inBillNotInTill: ReconcileTally; inTillNotInBill: ReconcileTally; amountDiffers: number };
  refunds: { matched: ReconcileTally; inBillNotInTill: ReconcileTally; inTillNotInBill: ReconcileTally; amountDiffers: number };
  receivedFen: number;
  feeFen: number;
  netSettledFen: number;
  differences: ReconcileDifferenceView[];
  /** The reconciliation as CSV (UTF-8 with BOM), for the screen's export. */
  csv: string;
  rawFile: string;
};
