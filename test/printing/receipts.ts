// Receipts the printing tests print: the fields the journal fills, with Chinese, a long shop name,
// full-width punctuation and ¥ amounts in them.
import type { RefundReceipt, ReportReceipt, SaleReceipt } from '../../app/common/receipt/model.ts';

/** 2026-11-21 14:03:05 in Shanghai. */
export const SALE_TIME_MS = Date.UTC(2026, 10, 21, 6, 3, 5);

export function saleReceipt(overrides: Partial<SaleReceipt> = {}): SaleReceipt {
  return {
    type: 'sale',
    shopName: '示例便利店（南京西路店）Sample Mart',
    storeId: 'S001',
    terminalId: 'T01',
    operatorId: '0007',
    training: false,
    time: SALE_TIME_MS,
    amountFen: 1234,
    provider: 'alipay',
    tradeNo: '2026112122001412345678901234',
    outTradeNo: 'T01-20261121-0001',
    buyer: '159****5620',
    status: 'SUCCESS',
    ...overrides,
  };
}

export function refundReceipt(overrides: Partial<RefundReceipt> = {}): RefundReceipt {
  const { type: _type, reprint: _reprint, ...sale } = saleReceipt();
  return { ...sale, type: 'refund', time: SALE_TIME_MS + 3600_000, refundFen: 300, refundedTotalFen: 500, leftFen: 734, outRequestNo: 'T01-20261121-0001-R2', ...overrides };
}

export function reportReceipt(overrides: Partial<ReportReceipt> = {}): ReportReceipt {
  return {
    type: 'report',
    kind: 'Z',
    shopName: '示例便利店',
    storeId: 'S001',
    terminalId: 'T01',
    operatorId: '0007',
    training: false,
    date: '2026-11-21',
    printedAt: SALE_TIME_MS + 8 * 3600_000,
    byProvider: [
      { provider: 'alipay', status: 'SUCCESS', count: 12, amountFen: 3456789 },
      { provider: 'wechat', status: 'SUCCESS', count: 3, amountFen: 4500 },
      { provider: 'alipay', status: 'CANCELLED', count: 1, amountFen: 100 },
    ],
    refunds: { count: 2, amountFen: 500 },
    netFen: 3460789,
    ...overrides,
  };
}
