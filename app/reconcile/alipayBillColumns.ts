// The columns of Alipay's 业务明细 (trade bill) CSV, by header name (qr-bills-transfers.md §3.1).
// Columns are read by name, not position: a header that lacks one of the required names is a file
// this till cannot read honestly, and the bill is refused rather than guessed at.

export const ALIPAY_COLUMNS = {
  tradeNo: '支付宝交易号',
  outTradeNo: '商户订单号',
  type: '业务类型',
  subject: '商品名称',
  createdAt: '创建时间',
  finishedAt: '完成时间',
  storeId: '门店编号',
  storeName: '门店名称',
  operatorId: '操作员',
  terminalId: '终端号',
  account: '对方账户',
  amount: '订单金额（元）',
  received: '商家实收（元）',
  alipayRedPacket: '支付宝红包（元）',
  points: '集分宝（元）',
  alipayDiscount: '支付宝优惠（元）',
  merchantDiscount: '商家优惠（元）',
  voucher: '券核销金额（元）',
  voucherName: '券名称',
  merchantRedPacket: '商家红包消费金额（元）',
  card: '卡消费金额（元）',
  outRequestNo: '退款批次号/请求号',
  fee: '服务费（元）',
  share: '分润（元）',
  memo: '备注',
} as const;

export type AlipayColumn = keyof typeof ALIPAY_COLUMNS;

/** The 25 columns in the order Alipay writes them (2017–2026 samples agree). */
export const ALIPAY_HEADER: readonly string[] = Object.values(ALIPAY_COLUMNS);

/** Without these the bill cannot be matched; the others are read when present. */
export const ALIPAY_REQUIRED: readonly AlipayColumn[] = ['tradeNo', 'outTradeNo', 'type', 'finishedAt', 'amount', 'received', 'outRequestNo', 'fee'];

export const DETAIL_SUFFIX = '_业务明细.csv';
export const SUMMARY_SUFFIX = '_业务明细(汇总).csv';
export const LIST_START = '#-----------------------------------------业务明细列表----------------------------------------';
export const LIST_END = '#-----------------------------------------业务明细列表结束------------------------------------';
