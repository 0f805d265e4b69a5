// alipay.fund.trans.uni.transfer (B2C cash red packet) and alipay.fund.trans.common.query, as
// qr-bills-transfers.md §4 describes them. Fund-out methods answer only cert-mode requests.
// out_biz_no is the idempotency key: the same number with the same parameters is the same packet;
// with different parameters it is PAYMENT_INFO_INCONSISTENCY.
import { fenToYuan, MAX_AMOUNT_FEN, MIN_AMOUNT_FEN, yuanToFen } from '../../common/money.ts';
import { Refusal, businessFailed, invalidArgument, success, type Inner } from './answers.ts';
import { optionalText, requiredText, type Biz } from './biz-params.ts';
import type { Handled, MethodContext } from './method-types.ts';
import { beijingDateTime } from './trade-ids.ts';
import { isOpenIdOf } from './open-ids.ts';
import { transferBehaviourFor } from './transfer-behaviours.ts';
import type { Transfer } from './transfer-store.ts';

const OUT_BIZ_NO = /^[A-Za-z0-9_]{1,64}$/;
const USER_ID = /^2088\d{12}$/;
const invalid = (why: string) => new Refusal(businessFailed('INVALID_PARAMETER', why));

function requireCertMode(ctx: MethodContext): void {
  if (!ctx.certMode) {
    throw new Refusal(invalidArgument('isv.cert-mode-required', '资金支出类接口仅支持公钥证书方式加签 (fund-out methods need certificate mode: app_cert_sn / alipay_root_cert_sn)'));
  }
}

function outBizNo(biz: Biz): string {
  const v = requiredText(biz, 'out_biz_no');
  if (!OUT_BIZ_NO.test(v)) throw invalid(`参数 out_biz_no 格式错误 (out_biz_no must be 1–64 letters, digits or _)`);
  return v;
}

type TransferRequest = { outBizNo: string; amountFen: number; productCode: string; bizScene: string; payeeType: string; payeeId: string; fingerprint: string };

function readTransfer(biz: Biz): TransferRequest {
  const no = outBizNo(biz);
  const amountText = requiredText(biz, 'trans_amount');
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(amountText)) throw invalid(`trans_amount 格式错误 (trans_amount must be yuan like 2.00, got ${JSON.stringify(amountText)})`);
  const amountFen = yuanToFen(amountText);
  if (amountFen < MIN_AMOUNT_FEN || amountFen > MAX_AMOUNT_FEN) throw invalid(`trans_amount 超出范围 (0.01–100000000.00, got ${amountText})`);
  const productCode = requiredText(biz, 'product_code');
  if (productCode !== 'STD_RED_PACKET') throw invalid(`product_code 不支持 (the training gateway pays STD_RED_PACKET only, got ${productCode})`);
  const bizScene = requiredText(biz, 'biz_scene');
  if (bizScene !== 'DIRECT_TRANSFER') throw invalid(`biz_scene 必须为 DIRECT_TRANSFER (got ${bizScene})`);
  const params = optionalText(biz, 'business_params');
  let sub: unknown;
  try {
    sub = params === undefined ? undefined : (JSON.parse(params) as Record<string, unknown>).sub_biz_scene;
  } catch {
    sub = undefined;
  }
  if (sub !== 'REDPACKET') throw invalid('现金红包须传 business_params {"sub_biz_scene":"REDPACKET"} (red packets must say sub_biz_scene REDPACKET)');
  const payee = biz.payee_info;
  if (payee === null || typeof payee !== 'object' || Array.isArray(payee)) throw invalid('缺少 payee_info (payee_info is required)');
  const p = payee as Record<string, unknown>;
  const payeeType = typeof p.identity_type === 'string' ? p.identity_type : '';
  const payeeId = typeof p.identity === 'string' ? p.identity : '';
  if (payeeType !== 'ALIPAY_USER_ID' && payeeType !== 'ALIPAY_OPEN_ID') throw invalid(`payee_info.identity_type 不支持 (ALIPAY_USER_ID or ALIPAY_OPEN_ID, got ${JSON.stringify(payeeType)})`);
  if (payeeId === '') throw invalid('缺少 payee_info.identity');
  // What must be identical on a resend (order_title and remark are shown to the payee too).
  const fingerprint = JSON.stringify([amountFen, productCode, bizScene, sub, payeeType, payeeId, biz.order_title ?? null, biz.remark ?? null]);
  return { outBizNo: no, amountFen, productCode, bizScene, payeeType, payeeId, fingerprint };
}

function payeeKnown(r: TransferRequest, appId: string): boolean {
  // open ids are per app: one issued to another app names nobody here (qr-bills-transfers.md §4).
  return r.payeeType === 'ALIPAY_USER_ID' ? USER_ID.test(r.payeeId) : isOpenIdOf(r.payeeId, appId);
}

function sentFields(t: Transfer): Record<string, unknown> {
  return { out_biz_no: t.outBizNo, order_id: t.orderId, pay_fund_order_id: t.payFundOrderId, status: 'SUCCESS', trans_date: beijingDateTime(t.createdAtMs) };
}

function answerFor(t: Transfer): Inner {
  return t.status === 'SUCCESS' ? success(sentFields(t)) : businessFailed(t.errorCode ?? 'SYSTEM_ERROR', t.failReason ?? '', { out_biz_no: t.outBizNo });
}

export function fundTransfer(biz: Biz, ctx: MethodContext): Handled {
  requireCertMode(ctx);
  const r = readTransfer(biz);
  const { store, nowMs, appId } = ctx;
  const behaviour = transferBehaviourFor(r.amountFen);
  const earlier = store.transfers.find(appId, r.outBizNo);
  if (earlier) {
    if (earlier.fingerprint !== r.fingerprint) return { answer: businessFailed('PAYMENT_INFO_INCONSISTENCY', '两次请求商户单号一样，但是参数不一致', { out_biz_no: r.outBizNo }) };
    store.transfers.countRequest(appId, r.outBizNo);
    // The same packet again: its first answer, never a second payment.
    return { answer: answerFor(earlier), ...(behaviour.kind === 'forged-cert-sn' ? { delivery: { kind: 'forged-cert-sn' as const } } : {}) };
  }
  const base = { outBizNo: r.outBizNo, appId, fingerprint: r.fingerprint, amountFen: r.amountFen, productCode: r.productCode, bizScene: r.bizScene, payeeType: r.payeeType, payeeId: r.payeeId, createdAtMs: nowMs };
  const fail = (subCode: string, subMsg: string): Handled => {
    const t = store.transfers.insert({ ...base, status: 'FAIL', errorCode: subCode, failReason: subMsg, paid: 0 });
    return { answer: answerFor(t) };
  };
  if (!payeeKnown(r, appId)) return fail('PAYEE_NOT_EXIST', '收款账号不存在');
  const send = () => store.transfers.insert({ ...base, status: 'SUCCESS', errorCode: null, failReason: null, paid: 1 });
  switch (behaviour.kind) {
    case 'sends':
      return { answer: answerFor(send()) };
    case 'refuses':
      return fail(behaviour.subCode, behaviour.subMsg);
    case 'system-error-but-sent':
      send();
      return { answer: businessFailed('SYSTEM_ERROR', '系统繁忙', { out_biz_no: r.outBizNo }) };
    case 'slow-answer':
      return { answer: answerFor(send()), delivery: { kind: 'after', afterMs: ctx.slowAnswerMs } };
    case 'forged-cert-sn':
      // Nothing is paid; only an answer naming a certificate the till does not hold says so.
      return { answer: success({ out_biz_no: r.outBizNo, order_id: '20990101110070000000000000', pay_fund_order_id: '20990101110080000000000000', status: 'SUCCESS', trans_date: beijingDateTime(nowMs) }), delivery: { kind: 'forged-cert-sn' } };
  }
}

export function fundTransferQuery(biz: Biz, ctx: MethodContext): Handled {
  requireCertMode(ctx);
  const orderId = optionalText(biz, 'pay_fund_order_id') ?? optionalText(biz, 'order_id');
  let t: Transfer | undefined;
  if (orderId !== undefined) {
    t = ctx.store.transfers.findByOrderId(ctx.appId, orderId);
  } else {
    const no = outBizNo(biz);
    // With out_biz_no, product_code and biz_scene are required (the same no. may exist per product).
    if (requiredText(biz, 'product_code') !== 'STD_RED_PACKET' || requiredText(biz, 'biz_scene') !== 'DIRECT_TRANSFER') {
      throw invalid('product_code/biz_scene 与原转账不一致');
    }
    t = ctx.store.transfers.find(ctx.appId, no);
  }
  if (!t) return { answer: businessFailed('ORDER_NOT_EXIST', '转账订单不存在') };
  return {
    answer: success({
      out_biz_no: t.outBizNo,
      order_id: t.orderId,
      pay_fund_order_id: t.payFundOrderId,
      status: t.status,
      trans_amount: fenToYuan(t.amountFen),
      ...(t.status === 'SUCCESS' ? { pay_date: beijingDateTime(t.createdAtMs) } : { error_code: t.errorCode, fail_reason: t.failReason }),
      ...(t.payeeType === 'ALIPAY_OPEN_ID' ? { receiver_open_id: t.payeeId } : { receiver_user_id: t.payeeId }),
    }),
  };
}
