// Cash red packets through alipay.fund.trans.uni.transfer (STD_RED_PACKET / DIRECT_TRANSFER,
// business_params {"sub_biz_scene":"REDPACKET"}) and alipay.fund.trans.common.query, in cert mode
// only: Alipay refuses fund-out methods signed in key mode (qr-bills-transfers.md §4).
// Which answers are definite and which are unknown follows the same section's error list.
import { z } from 'zod';
import type { TransferOutcome, TransferPort, TransferQueryOutcome, TransferRequest } from '../cashback/TransferPort.ts';
import { PosError } from '../common/errors.ts';
import { fenToYuan } from '../common/money.ts';
import { CONFIG_ERROR_CODES, describe } from './alipayAnswer.ts';
import type { AlipayClient } from './alipayClient.ts';

export const RED_PACKET = { product_code: 'STD_RED_PACKET', biz_scene: 'DIRECT_TRANSFER', business_params: '{"sub_biz_scene":"REDPACKET"}' } as const;

/** Alipay could not say, or asks for the same request again: the packet may or may not have left. */
const UNKNOWN_SUB_CODES = new Set(['SYSTEM_ERROR', 'ACQ.SYSTEM_ERROR', 'RESOURCE_LIMIT_EXCEED', 'isp.unknow-error', 'aop.ACQ.SYSTEM_ERROR']);

const TransferFields = z.object({
  code: z.string(),
  orderId: z.string().optional(),
  payFundOrderId: z.string().optional(),
  status: z.string().optional(),
  transDate: z.string().optional(),
  payDate: z.string().optional(),
  errorCode: z.string().optional(),
  failReason: z.string().optional(),
}).loose();

export class AlipayTransfers implements TransferPort {
  readonly training: boolean;
  readonly #client: AlipayClient;

  constructor(client: AlipayClient, o: { training: boolean }) {
    if (!client.certMode) {
      throw new PosError('INVALID_CONFIG', 'cash red packets need Alipay certificate mode (公钥证书): set alipay.appCertPath, alipay.alipayPublicCertPath and alipay.alipayRootCertPath', {
        detailZh: '现金红包需要支付宝公钥证书模式：请配置 alipay.appCertPath、alipay.alipayPublicCertPath 和 alipay.alipayRootCertPath',
      });
    }
    this.#client = client;
    this.training = o.training;
  }

  async transfer(req: TransferRequest): Promise<TransferOutcome> {
    const r = await this.#client.exec('alipay.fund.trans.uni.transfer', {
      out_biz_no: req.outBizNo,
      trans_amount: fenToYuan(req.amountFen),
      ...RED_PACKET,
      payee_info: { identity: req.payeeId, identity_type: req.payeeType },
      order_title: req.orderTitle,
    });
    if (!r.ok) return { kind: 'unknown', reason: r.outcome.reason };
    const a = r.answer;
    const f = TransferFields.safeParse(a);
    if (!f.success) return { kind: 'unknown', reason: 'fund.trans.uni.transfer: malformed answer' };
    if (a.code === '10000') {
      if (f.data.status === 'SUCCESS') return { kind: 'sent', orderId: f.data.orderId, payFundOrderId: f.data.payFundOrderId, sentAt: f.data.transDate };
      if (f.data.status === 'FAIL') return { kind: 'refused', code: a.code, subCode: f.data.errorCode ?? 'FAIL', message: f.data.failReason ?? 'transfer failed' };
      // DEALING (bank cards) or no status at all: not a payment the till can call sent.
      return { kind: 'unknown', reason: `fund.trans.uni.transfer answered 10000 with status ${f.data.status ?? '(none)'}` };
    }
    if (UNKNOWN_SUB_CODES.has(a.subCode ?? '') || a.code === '20000') return { kind: 'unknown', reason: `fund.trans.uni.transfer: ${describe(a)}` };
    // PAYMENT_INFO_INCONSISTENCY means this out_biz_no was sent with other parameters: the
    // journal sends identical ones, so it is a bug or a foreign packet; never resend it.
    if (a.code === '40004' || CONFIG_ERROR_CODES.has(a.code)) return { kind: 'refused', code: a.code, subCode: a.subCode ?? '', message: a.subMsg ?? a.msg ?? describe(a) };
    return { kind: 'unknown', reason: `fund.trans.uni.transfer: ${describe(a)}` };
  }

  async query(outBizNo: string): Promise<TransferQueryOutcome> {
    const r = await this.#client.exec('alipay.fund.trans.common.query', { out_biz_no: outBizNo, product_code: RED_PACKET.product_code, biz_scene: RED_PACKET.biz_scene });
    if (!r.ok) return { kind: 'unknown', reason: r.outcome.reason };
    const a = r.answer;
    const f = TransferFields.safeParse(a);
    if (!f.success) return { kind: 'unknown', reason: 'fund.trans.common.query: malformed answer' };
    if (a.code === '10000') {
      switch (f.data.status) {
        case 'SUCCESS':
          return { kind: 'sent', orderId: f.data.orderId, payFundOrderId: f.data.payFundOrderId, sentAt: f.data.payDate };
        case 'FAIL':
          return { kind: 'refused', code: a.code, subCode: f.data.errorCode ?? 'FAIL', message: f.data.failReason ?? 'transfer failed' };
        default:
          return { kind: 'pending', status: f.data.status ?? '(none)' };
      }
    }
    if (a.code === '40004' && a.subCode === 'ORDER_NOT_EXIST') return { kind: 'not-found' };
    return { kind: 'unknown', reason: `fund.trans.common.query: ${describe(a)}` };
  }
}
