// English for amounts.zh-CN.ts, key for key.
import type { amountsZhCN } from './amounts.zh-CN.ts';

export const amountsEn: { readonly [K in keyof typeof amountsZhCN]: string } = {
  'detail.amounts.total': 'Order total',
  'detail.amounts.merchantDiscount': 'Discount (shop-funded)',
  'detail.amounts.platformDiscount': 'Discount (platform-funded)',
  'detail.amounts.discount': 'Discount (funder not given)',
  'detail.amounts.buyerPays': 'Customer paid',
  'detail.amounts.shopReceives': 'Shop receives',
  'detail.amounts.invoice': 'Invoiceable',
  'sale.paid.customerPaid': 'Customer paid {paid} · discount {discount}',
  'customer.paidLess': 'You paid {paid} (discount {discount})',
};
