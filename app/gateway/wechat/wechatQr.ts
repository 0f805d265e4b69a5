// WeChat Pay v3 Native (扫码支付, qr-bills-transfers.md §2.2): the till asks for a code_url, shows it
// as a QR code, and settles by the ordinary order query (a Native order exists at once and answers
// NOTPAY until paid, CLOSED once closed). Close is `POST …/out-trade-no/{no}/close` → 204, which
// WeChat documents as re-entrant; a customer already on the password sheet may still pay after it,
// so the caller always queries after a close (QrCheckout). notify_url is required by WeChat's
// schema but never relied on: a counter behind NAT polls.
import { networkInterfaces } from 'node:os';
import { PosError } from '../../common/errors.ts';
import type { CloseOutcome, QrOutcome, QrRequest } from '../qr.ts';
import type { ConfigError, Declined, Unknown } from '../outcomes.ts';
import { send, type HttpOptions } from './http.ts';
import { enc, identityFields, operatorAttach, partner, sceneInfo, type MerchantIds } from './merchant.ts';
import { ErrorBodySchema, OUT_TRADE_NO } from './wire.ts';
import { z } from 'zod';

export type NativeContext = {
  http: HttpOptions;
  ids: MerchantIds & { storeId?: string | undefined; deviceId?: string | undefined };
  /** https; undefined on a live till without wechat.notifyUrl: then no code is asked for (qrUnavailable). */
  notifyUrl: string | undefined;
  refusal: (what: string, status: number, body: unknown) => Declined | ConfigError | Unknown;
};

export const nativePaths = {
  native: (m: MerchantIds) => (partner(m) ? '/v3/pay/partner/transactions/native' : '/v3/pay/transactions/native'),
  close: (m: MerchantIds, outTradeNo: string) =>
    partner(m) ? `/v3/pay/partner/transactions/out-trade-no/${enc(outTradeNo)}/close` : `/v3/pay/transactions/out-trade-no/${enc(outTradeNo)}/close`,
};

/** What a training till sends as notify_url: WeChat wants an https address; nobody is listening (.invalid never resolves). */
export const TRAINING_NOTIFY_URL = 'https://notify.invalid/till/wechat-pay';

const NativeAnswerSchema = z.object({ code_url: z.string().min(1).max(1024).regex(/^[\x21-\x7e]+$/, 'printable ASCII') }).loose();

/** RFC3339 in Beijing time, whole seconds, never later than `ms` (time_expire: the last moment the customer may pay). */
export function beijingRfc3339(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/**
 * scene_info for Native: payer_client_ip is required whenever scene_info is sent [SRC SDK type
 * definitions]; at a counter the "client" is the till itself, so its own LAN address goes there.
 */
export function nativeSceneInfo(o: { storeId?: string | undefined; deviceId?: string | undefined }): Record<string, unknown> {
  return { payer_client_ip: localIpv4(), ...sceneInfo(o) };
}

function localIpv4(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

const unknown = (reason: string, errorCode: Unknown['errorCode'] = 'GATEWAY_UNKNOWN_OUTCOME'): Unknown => ({ kind: 'unknown', errorCode, reason });

export async function nativePrecreate(c: NativeContext, req: QrRequest): Promise<QrOutcome> {
  if (!OUT_TRADE_NO.test(req.outTradeNo)) throw new PosError('INVALID_ARGUMENT', `out_trade_no ${req.outTradeNo} breaks WeChat's rule (6–32 of 0-9 A-Z a-z _ - *)`);
  if (!c.notifyUrl) return { kind: 'config-error', code: 'NOTIFY_URL_MISSING', message: 'wechat.notifyUrl is not configured (WeChat requires an https notify_url for QR codes)' };
  const body = {
    ...identityFields(c.ids),
    description: req.subject.slice(0, 127),
    out_trade_no: req.outTradeNo,
    time_expire: beijingRfc3339(req.expiresAtMs),
    notify_url: c.notifyUrl,
    amount: { total: req.amountFen, currency: 'CNY' },
    scene_info: nativeSceneInfo(c.ids),
    // The signed-in cashier (issue 12): no operator field in scene_info, so in attach as for codepay.
    ...operatorAttach(req.operatorId),
  };
  const r = await send(c.http, 'POST', nativePaths.native(c.ids), body);
  if (r.kind === 'none') return unknown(r.reason);
  if (r.kind === 'untrusted') return unknown(r.reason, r.signature && r.status < 500 ? 'SIGNATURE_INVALID' : 'GATEWAY_UNKNOWN_OUTCOME');
  if (r.status >= 500) return unknown(`native: HTTP ${r.status} ${errorCode(r.body) ?? ''}`.trim());
  if (r.status >= 400) return c.refusal('native', r.status, r.body);
  const a = NativeAnswerSchema.safeParse(r.body);
  if (!a.success) return unknown(`native: the answer has no usable code_url (${a.error.issues.map((i) => i.message).join('; ')})`);
  return { kind: 'qr', qrCode: a.data.code_url };
}

function errorCode(body: unknown): string | undefined {
  const e = ErrorBodySchema.safeParse(body);
  return e.success ? e.data.code : undefined;
}

/** [UNVERIFIED] v3 spelling of "already paid" on close; both are taken. */
const PAID_CODES = new Set(['ORDERPAID', 'ORDER_PAID']);
const CLOSED_CODES = new Set(['ORDERCLOSED', 'ORDER_CLOSED']);

export async function closeNative(c: NativeContext, outTradeNo: string): Promise<CloseOutcome> {
  const body = partner(c.ids) ? { sp_mchid: c.ids.mchId, sub_mchid: c.ids.subMchId! } : { mchid: c.ids.mchId };
  const r = await send(c.http, 'POST', nativePaths.close(c.ids, outTradeNo), body);
  // Re-entrant: whatever went wrong on the line, closing again is safe.
  if (r.kind !== 'answer') return { kind: 'retry', reason: `close: ${r.reason}` };
  if (r.status === 204 || r.status === 200) return { kind: 'closed' };
  const code = errorCode(r.body);
  if (r.status >= 500) return { kind: 'retry', reason: `close: HTTP ${r.status} ${code ?? ''}`.trim() };
  if (r.status === 404 && code === 'ORDER_NOT_EXIST') return { kind: 'not-found' };
  if (code && PAID_CODES.has(code)) return { kind: 'not-closable', reason: `close: ${code} (the order is paid)` };
  if (code && CLOSED_CODES.has(code)) return { kind: 'closed' };
  const refusal = c.refusal('close', r.status, r.body);
  if (refusal.kind === 'config-error') return refusal;
  if (refusal.kind === 'unknown') return { kind: 'retry', reason: refusal.reason };
  return { kind: 'not-closable', reason: `close: ${refusal.subCode} ${refusal.message}`.trim() };
}
