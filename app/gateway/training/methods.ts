// The gateway methods the training gateway speaks; anything else is isv.invalid-method.
import { billDownloadUrlQuery } from './bill-downloadurl.ts';
import { fundTransfer, fundTransferQuery } from './fund-transfer.ts';
import type { MethodHandler } from './method-types.ts';
import { tradeCancel, tradeClose } from './trade-cancel.ts';
import { tradePay } from './trade-pay.ts';
import { tradePrecreate } from './trade-precreate.ts';
import { tradeQuery } from './trade-query.ts';
import { tradeRefund, tradeRefundQuery } from './trade-refund.ts';

export const METHODS: ReadonlyMap<string, MethodHandler> = new Map([
  ['alipay.trade.pay', tradePay],
  ['alipay.trade.query', tradeQuery],
  ['alipay.trade.cancel', tradeCancel],
  ['alipay.trade.close', tradeClose],
  ['alipay.trade.refund', tradeRefund],
  ['alipay.trade.fastpay.refund.query', tradeRefundQuery],
  ['alipay.trade.precreate', tradePrecreate],
  ['alipay.fund.trans.uni.transfer', fundTransfer],
  ['alipay.fund.trans.common.query', fundTransferQuery],
  ['alipay.data.dataservice.bill.downloadurl.query', billDownloadUrlQuery],
]);
