// The common part of every gateway.do call: which answer key, the checks Alipay makes before any
// business logic (arguments, method, signature), then the method handler in one transaction.
import { Refusal, invalidArgument, missingArgument, type Inner } from './answers.ts';
import type { Biz } from './biz-params.ts';
import { METHODS } from './methods.ts';
import type { Handled, MethodContext } from './method-types.ts';
import { requestSignText, requestSignatureValid } from './signing.ts';
import type { TradeStore } from './trade-store.ts';
import { checkCertParams, type GatewayCerts } from './training-cert-mode.ts';

export type ProtocolContext = {
  store: TradeStore;
  tillPublicKey: string;
  nowMs: number;
  behaviourFor: MethodContext['behaviourFor'];
  /** Certificate mode (training-cert-mode.ts); without it only key mode is spoken. */
  certs?: GatewayCerts | undefined;
  slowAnswerMs: number;
  billLink?: MethodContext['billLink'];
  qrLink?: MethodContext['qrLink'];
};

export type Answered = Handled & { responseKey: string; /** Answers to a cert-mode request carry alipay_cert_sn. */ certMode?: boolean };

/** alipay-sdk looks for `<method with _>_response`, falling back to `error_response`. */
export function responseKeyFor(method: string | undefined): string {
  return method ? `${method.replaceAll('.', '_')}_response` : 'error_response';
}

export function answerGatewayCall(params: ReadonlyMap<string, string>, ctx: ProtocolContext): Answered {
  const method = params.get('method') || undefined;
  const responseKey = responseKeyFor(method);
  const refuse = (answer: Inner): Answered => ({ responseKey, answer });

  if (!method) return refuse(missingArgument('isv.missing-method', '缺少方法名参数 (method is missing)'));
  const appId = params.get('app_id');
  if (!appId) return refuse(missingArgument('isv.missing-app-id', '缺少AppID参数 (app_id is missing)'));
  const handler = METHODS.get(method);
  if (!handler) return refuse(invalidArgument('isv.invalid-method', `不存在的方法名 ${method} (the training gateway does not know this method)`));
  const signType = params.get('sign_type');
  if (signType !== undefined && signType !== 'RSA2') return refuse(invalidArgument('isv.invalid-signature-type', `无效的签名类型 ${signType} (only RSA2)`));
  const cert = checkCertParams(params, ctx.certs);
  if (!cert.ok) return { responseKey, answer: cert.answer, certMode: true };
  if (!requestSignatureValid(params, cert.certMode ? ctx.certs!.appPublicKey : ctx.tillPublicKey)) {
    // Alipay shows the text it verified: the quickest way to see which parameter the client signed differently.
    return refuse(invalidArgument('isv.invalid-signature', `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${requestSignText(params)}`));
  }
  const refuseBiz = (answer: Inner): Answered => ({ responseKey, answer, certMode: cert.certMode });
  const bizText = params.get('biz_content');
  if (!bizText) return refuseBiz(missingArgument('isv.missing-biz-content', '缺少业务参数 biz_content (biz_content is missing)'));
  let biz: unknown;
  try {
    biz = JSON.parse(bizText);
  } catch {
    biz = undefined;
  }
  if (biz === null || typeof biz !== 'object' || Array.isArray(biz)) {
    return refuseBiz(invalidArgument('isv.invalid-parameter', 'biz_content 不是 JSON 对象 (biz_content must be a JSON object)'));
  }

  try {
    return {
      responseKey,
      certMode: cert.certMode,
      ...ctx.store.atomically(() => {
        ctx.store.settleDue(ctx.nowMs);
        return handler(biz as Biz, { store: ctx.store, nowMs: ctx.nowMs, behaviourFor: ctx.behaviourFor, appId, certMode: cert.certMode, slowAnswerMs: ctx.slowAnswerMs, billLink: ctx.billLink, qrLink: ctx.qrLink });
      }),
    };
  } catch (e) {
    if (e instanceof Refusal) return refuseBiz(e.answer);
    throw e;
  }
}
