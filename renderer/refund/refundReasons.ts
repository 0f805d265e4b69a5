// Why money goes back (issue 9 item 13): a refund names its reason, picked by a digit key, so the
// manager reading the journal or the day's refunds sees more than an amount.
export const REFUND_REASONS = ['refund.reason.returned', 'refund.reason.faulty', 'refund.reason.overcharged', 'refund.reason.other'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** The reason as it travels to the core: Chinese, as Alipay's refund_reason and the journal keep it. */
export const REASON_TEXT: Record<RefundReason, string> = {
  'refund.reason.returned': '顾客退货',
  'refund.reason.faulty': '商品质量问题',
  'refund.reason.overcharged': '多收或错收',
  'refund.reason.other': '其他',
};

/** Digit key 1–4 → reason; anything else → null. */
export function reasonForKey(key: string): RefundReason | null {
  const n = /^[1-9]$/.test(key) ? Number(key) : 0;
  return REFUND_REASONS[n - 1] ?? null;
}
