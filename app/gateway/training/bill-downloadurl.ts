// alipay.data.dataservice.bill.downloadurl.query (qr-bills-transfers.md §3.1): bill_type trade
// only; a day after today has no bill (40004 isp.bill_not_exist, the live value). Unlike Alipay,
// the training gateway also serves today's bill as it stands, so practice need not wait a day.
import { businessFailed, invalidArgument, Refusal, success } from './answers.ts';
import { requiredText, type Biz } from './biz-params.ts';
import { beijingDayRange } from './bill-file.ts';
import type { Handled, MethodContext } from './method-types.ts';

export function billDownloadUrlQuery(biz: Biz, ctx: MethodContext): Handled {
  const billType = requiredText(biz, 'bill_type');
  if (billType !== 'trade' && billType !== 'signcustomer') throw new Refusal(invalidArgument('isv.invalid-parameter', `参数 bill_type 无效 (bill_type must be trade or signcustomer, got ${JSON.stringify(billType)})`));
  if (billType !== 'trade') throw new Refusal(invalidArgument('isv.invalid-parameter', '培训网关仅提供 trade 账单 (the training gateway serves bill_type trade only)'));
  const day = requiredText(biz, 'bill_date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new Refusal(invalidArgument('isv.invalid-parameter', `参数 bill_date 格式错误 (bill_date must be yyyy-MM-dd, got ${JSON.stringify(day)})`));
  }
  const [start] = beijingDayRange(day);
  if (start > ctx.nowMs || !ctx.billLink) return { answer: businessFailed('isp.bill_not_exist', '账单不存在') };
  return { answer: success({ bill_download_url: ctx.billLink(day) }) };
}
