// What the customer paid and what the shop receives, on a payment's detail (issue 12): the same
// words the receipt prints (app/common/paidAmounts.ts paidLines).
export const amountsZhCN = {
  'detail.amounts.total': '订单金额',
  'detail.amounts.merchantDiscount': '商家优惠',
  'detail.amounts.platformDiscount': '平台优惠',
  'detail.amounts.discount': '优惠',
  'detail.amounts.buyerPays': '顾客实付',
  'detail.amounts.shopReceives': '商家实收',
  'detail.amounts.invoice': '可开票金额',
  // The result screen and the customer display when the customer paid less than the total (TRY item 3).
  'sale.paid.customerPaid': '顾客实付 {paid} · 优惠 {discount}',
  'customer.paidLess': '实付 {paid}（优惠 {discount}）',
} as const;
