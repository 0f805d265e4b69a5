// Words printed on receipts, in Chinese for the customer and the shop. Unknown states print as
// they are, so a new journal state never makes a receipt fail.
import { CODE_RULES, type Provider } from '../codes.ts';

export function providerName(p: Provider): string {
  return CODE_RULES.find((r) => r.provider === p)?.labelZh ?? p;
}

// AttemptState (app/common/payment/machine.ts) as the customer should read it.
const PAYMENT_STATUS: Readonly<Record<string, string>> = {
  SUCCESS: '支付成功',
  FAILED: '支付失败',
  CANCELLED: '已撤销',
  UNKNOWN: '结果待确认',
  WAITING: '等待买家确认',
  QUERYING: '结果确认中',
  CANCELLING: '撤销中',
  CREATED: '未发送',
  SENT: '处理中',
  REFUNDED: '已全额退款',
  PARTIALLY_REFUNDED: '已部分退款',
};

const REFUND_STATUS: Readonly<Record<string, string>> = {
  SUCCESS: '退款成功',
  FAILED: '退款失败',
  PENDING: '退款处理中',
  UNKNOWN: '退款结果待确认',
};

/** Short words for report rows: "成功", "失败", … */
const REPORT_STATUS: Readonly<Record<string, string>> = {
  SUCCESS: '成功',
  FAILED: '失败',
  CANCELLED: '撤销',
  UNKNOWN: '待确认',
  WAITING: '等待',
  QUERYING: '确认中',
  CANCELLING: '撤销中',
  CREATED: '未发送',
  SENT: '处理中',
};

export function paymentStatusName(status: string): string {
  return PAYMENT_STATUS[status] ?? status;
}

export function refundStatusName(status: string): string {
  return REFUND_STATUS[status] ?? status;
}

export function reportStatusName(status: string): string {
  return REPORT_STATUS[status] ?? status;
}
