// The WeChat Pay training gateway: the v3 付款码 and Native QR paths on 127.0.0.1, verifying the till's
// WECHATPAY2-SHA256-RSA2048 signature with the merchant public key and signing every answer with
// a training WeChat Pay key, exactly like the real service, so training runs the real adapter. It
// also misbehaves on request: late, missing and forged answers, SIGNTEST probes, a skewed clock.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PosError } from '../../../common/errors.ts';
import { throwawayPrivateKey } from '../../training/signing.ts';
import { MAX_CLOCK_SKEW_SECONDS, nonce as makeNonce, parseAuthorization, requestSignText, responseSignText, rsaSign, rsaVerify } from '../signing.ts';
import { parseJson } from '../wire.ts';
import { Refusal, error, type Answer } from './answers.ts';
import { DEFAULT_PAYS_AFTER_MS, DEFAULT_SLOW_ANSWER_MS, wechatBehaviourForCode, type WechatBehaviour } from './behaviours.ts';
import { codepay, query, refund, refundQuery, reverse, route, type HandlerContext, type Route } from './handlers.ts';
import { close, native, scan, type ScanResult } from './native.ts';
import { TRAINING_CERT_SERIAL, TRAINING_PLATFORM_SERIAL, TRAINING_PUB_KEY_ID, loadWechatTrainingKeys, type WechatTrainingKeys } from './keys.ts';
import { OrderStore } from './store.ts';

export type WechatTrainingGatewayOptions = {
  /** 0 = ephemeral (the default); always bound to 127.0.0.1. */
  port?: number;
  storePath: string;
  keys?: WechatTrainingKeys;
  /** The merchant certificate serial the till must sign with. */
  merchantSerial?: string;
  now?: () => number;
  paysAfterMs?: number;
  slowAnswerMs?: number;
  /** How long a refund stays PROCESSING (0: the first refund query already sees SUCCESS). */
  refundSettlesAfterMs?: number;
  behaviourFor?: (authCode: string) => WechatBehaviour;
  /** Every answer carries a deliberately wrong `WECHATPAY/SIGNTEST/` signature, as WeChat's probes do. */
  signTestProbes?: boolean;
  /** Added to the answers' Wechatpay-Timestamp, to rehearse a till whose clock is off. */
  answerClockSkewMs?: number;
  /**
   * More v3 paths (the bill downloads of app/reconcile/training): asked, after the till's signature
   * has been checked, for any path this gateway does not serve. JSON answers are signed like the
   * rest; `bytes` (a bill file) go out unsigned, as WeChat sends /v3/billdownload/file.
   */
  extraRoute?: (r: { method: string; url: URL; mchId: string; nowMs: number }) => ExtraAnswer | undefined;
};

export type ExtraAnswer = { status: number; json?: Record<string, unknown>; bytes?: Buffer; contentType?: string };

export type WechatRequestRecord = { route: Route['name'] | 'refused'; outTradeNo?: string; outRefundNo?: string; status: number; at: number; /** codepay's scene_info, as sent. */ scene?: unknown; /** codepay's attach (the cashier, issue 12), as sent. */ attach?: unknown };

export type WechatTrainingGateway = {
  /** http://127.0.0.1:PORT (the till's wechat.baseUrl) */
  url: string;
  port: number;
  close(): Promise<void>;
  requests(): WechatRequestRecord[];
  /** How many times money was taken under this out_trade_no (0 or 1). */
  chargeCount(outTradeNo: string): number;
  /** How many refunds exist at the gateway for this order. */
  refundCount(outTradeNo: string): number;
  /** The order's trade_state right now (undefined: no such order). */
  stateOf(outTradeNo: string): string | undefined;
  /**
   * The training customer scans a Native QR code and pays it (unless its amount says they abandon
   * it, or it is closed or past time_expire): what the scan page's POST does, for tests.
   */
  simulateQrScan(outTradeNo: string): ScanResult;
  /** Switches the misbehaviours while running (tests). */
  set(o: Pick<WechatTrainingGatewayOptions, 'signTestProbes' | 'answerClockSkewMs'>): void;
};

const MAX_REQUEST_BYTES = 256 * 1024;

/** The training customer's phone: a Native code_url is this page (GET shows the order, POST pays it). */
export const WECHAT_QR_SCAN_PATH = '/training/qr/';

export async function startWechatTrainingGateway(o: WechatTrainingGatewayOptions): Promise<WechatTrainingGateway> {
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PosError('INVALID_ARGUMENT', `port must be 0–65535, got ${port}`);
  if (!o.storePath) throw new PosError('INVALID_ARGUMENT', 'storePath is required');
  const keys = o.keys ?? loadWechatTrainingKeys();
  const merchantSerial = o.merchantSerial ?? TRAINING_CERT_SERIAL;
  const now = o.now ?? Date.now;
  const times = { paysAfterMs: o.paysAfterMs ?? DEFAULT_PAYS_AFTER_MS, slowAnswerMs: o.slowAnswerMs ?? DEFAULT_SLOW_ANSWER_MS };
  const behaviourFor = o.behaviourFor ?? ((code: string) => wechatBehaviourForCode(code, times));
  const store = new OrderStore(o.storePath);
  const log: WechatRequestRecord[] = [];
  const late = new Set<NodeJS.Timeout>();
  const live = { signTestProbes: o.signTestProbes ?? false, answerClockSkewMs: o.answerClockSkewMs ?? 0 };
  let closing = false;
  let boundPort = 0;
  /** The code_url of a training Native order: the scan page here, reachable from this machine (docs/training-gateway.md). */
  const codeUrl = (outTradeNo: string) => `http://127.0.0.1:${boundPort}${WECHAT_QR_SCAN_PATH}${encodeURIComponent(outTradeNo)}`;
  const scanNow = (outTradeNo: string) => store.atomically(() => {
    const at = now();
    store.settleDue(at);
    return scan(store, outTradeNo, at);
  });

  /** The training customer's phone: GET shows the order, POST scans (and pays) it; no signature (it is the customer, not the till). */
  function serveScan(req: IncomingMessage, res: ServerResponse, outTradeNo: string): void {
    const plain = (status: number, type: string, text: string) => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (req.method === 'POST') {
      const r = scanNow(outTradeNo);
      if (!r.found) return plain(404, 'text/plain; charset=utf-8', `no WeChat QR order ${outTradeNo}\n`);
      return plain(200, 'application/json; charset=utf-8', JSON.stringify({ out_trade_no: outTradeNo, trade_state: r.order.state, paid: r.paid, scanned: r.order.scanned, ...(r.why ? { why: r.why } : {}) }));
    }
    const o = store.atomically(() => store.anyByOutTradeNo(outTradeNo));
    if (!o || o.tradeType !== 'NATIVE') return plain(404, 'text/plain; charset=utf-8', `no WeChat QR order ${outTradeNo}\n`);
    const amount = `${Math.floor(o.totalFen / 100)}.${String(o.totalFen % 100).padStart(2, '0')}`;
    plain(200, 'text/html; charset=utf-8', `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>培训：微信扫码付款</title></head><body>`
      + `<h1>培训模式 · 微信扫码付款</h1><p>订单 ${o.outTradeNo}</p><p>金额 ¥${amount}</p><p>状态 ${o.state}</p>`
      + `<form method="post"><button type="submit">付款 Pay</button></form></body></html>`);
  }

  /** Answers follow the Wechatpay-Serial the request named: platform certificate or public key (§1.6). */
  function signer(req: IncomingMessage, forged: boolean): { serial: string; key: string } {
    const platform = String(req.headers['wechatpay-serial'] ?? '').toUpperCase() === TRAINING_PLATFORM_SERIAL;
    const serial = platform ? TRAINING_PLATFORM_SERIAL : TRAINING_PUB_KEY_ID;
    if (forged) return { serial, key: throwawayPrivateKey() };
    return { serial, key: platform ? keys.platformPrivateKey : keys.wechatPayPrivateKey };
  }

  function write(req: IncomingMessage, res: ServerResponse, a: Answer, forged: boolean): void {
    const text = a.status === 204 || a.body === undefined ? '' : JSON.stringify(a.body);
    const ts = String(Math.floor((now() + live.answerClockSkewMs) / 1000));
    const nonceText = makeNonce();
    const { serial, key } = signer(req, forged);
    const signature = live.signTestProbes ? `WECHATPAY/SIGNTEST/${randomBytes(192).toString('base64')}` : rsaSign(responseSignText(ts, nonceText, text), key);
    res.writeHead(a.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'request-id': `train-${nonceText.slice(0, 16)}`,
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': nonceText,
      'wechatpay-signature': signature,
      'wechatpay-serial': serial,
    });
    res.end(text);
  }

  function deliver(req: IncomingMessage, res: ServerResponse, a: Answer): void {
    const d = a.delivery ?? { kind: 'now' };
    switch (d.kind) {
      case 'now': return write(req, res, a, false);
      case 'forged': return write(req, res, a, true);
      case 'drop':
        // The charge is committed; the till hears nothing, as when a line drops mid-answer.
        req.socket.destroy();
        return;
      case 'after': {
        const timer = setTimeout(() => {
          late.delete(timer);
          if (!res.destroyed) write(req, res, a, false);
        }, d.afterMs);
        late.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          late.delete(timer);
        });
      }
    }
  }

  /** The till's signature, its serial and its clock, as WeChat checks them before anything else. */
  function authenticate(req: IncomingMessage, pathAndQuery: string, body: string): { ok: true; mchId: string } | { ok: false; answer: Answer } {
    const auth = parseAuthorization(req.headers.authorization);
    const refuse = (message: string): { ok: false; answer: Answer } => ({ ok: false, answer: error(401, 'SIGN_ERROR', message) });
    if (!auth) return refuse('Authorization 头缺失或格式错误 (WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…")');
    if (auth.serial_no.toUpperCase() !== merchantSerial.toUpperCase()) return refuse(`商户证书序列号 ${auth.serial_no} 不存在或已失效`);
    if (Math.abs(now() / 1000 - Number(auth.timestamp)) > MAX_CLOCK_SKEW_SECONDS) return refuse('请求时间戳与当前时间相差超过 5 分钟');
    const signed = requestSignText(req.method ?? '', pathAndQuery, auth.timestamp, auth.nonce_str, body);
    if (!rsaVerify(signed, auth.signature, keys.merchantPublicKey)) return refuse(`签名错误，请检查后再试。验签串：${JSON.stringify(signed.slice(0, 200))}`);
    return { ok: true, mchId: auth.mchid };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      bytes += c.length;
      if (bytes > MAX_REQUEST_BYTES) return write(req, res, error(413, 'PARAM_ERROR', 'request body too large'), false);
      chunks.push(c);
    }
    if (closing) return void req.socket.destroy();
    const body = Buffer.concat(chunks).toString('utf8');
    const pathAndQuery = req.url ?? '/';
    const url = new URL(pathAndQuery, 'http://127.0.0.1');
    const at = now();
    if (url.pathname.startsWith(WECHAT_QR_SCAN_PATH)) return serveScan(req, res, decodeURIComponent(url.pathname.slice(WECHAT_QR_SCAN_PATH.length)));
    const r = route(req.method ?? '', url.pathname);
    const record = (a: Answer, extra: Partial<WechatRequestRecord> = {}) => log.push({ route: r?.name ?? 'refused', status: a.status, at, ...extra });
    if (!r && o.extraRoute) {
      const auth = authenticate(req, pathAndQuery, body);
      if (!auth.ok) return write(req, res, auth.answer, false);
      const x = o.extraRoute({ method: req.method ?? '', url, mchId: auth.mchId, nowMs: at });
      if (x?.bytes) {
        res.writeHead(x.status, { 'content-type': x.contentType ?? 'application/octet-stream', 'content-length': x.bytes.length });
        return void res.end(x.bytes);
      }
      if (x) return write(req, res, { status: x.status, ...(x.json ? { body: x.json } : {}) }, false);
    }
    if (!r) {
      const a = error(404, 'NOT_FOUND', `the WeChat training gateway does not serve ${req.method} ${url.pathname}`);
      record(a);
      return write(req, res, a, false);
    }
    const auth = authenticate(req, pathAndQuery, body);
    let json: Record<string, unknown> = {};
    if (r.method === 'POST') {
      const parsed = parseJson(body);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        const a = error(400, 'PARAM_ERROR', '请求体不是 JSON 对象');
        record(a);
        return write(req, res, a, false);
      }
      json = parsed as Record<string, unknown>;
    }
    const ids = {
      ...(r.outTradeNo ?? (typeof json.out_trade_no === 'string' ? json.out_trade_no : undefined) ? { outTradeNo: r.outTradeNo ?? (json.out_trade_no as string) } : {}),
      ...(r.outRefundNo ?? (typeof json.out_refund_no === 'string' ? json.out_refund_no : undefined) ? { outRefundNo: r.outRefundNo ?? (json.out_refund_no as string) } : {}),
    };
    if ((r.name === 'codepay' || r.name === 'native') && json.scene_info !== undefined) Object.assign(ids, { scene: json.scene_info });
    if ((r.name === 'codepay' || r.name === 'native') && json.attach !== undefined) Object.assign(ids, { attach: json.attach });
    if (!auth.ok) {
      record(auth.answer, ids);
      return write(req, res, auth.answer, false);
    }
    const ctx: HandlerContext = { store, nowMs: at, signedMchId: auth.mchId, behaviourFor, refundSettlesAfterMs: o.refundSettlesAfterMs ?? 0 };
    let a: Answer;
    try {
      a = store.atomically(() => {
        store.settleDue(at);
        switch (r.name) {
          case 'codepay': return codepay(json, r, ctx);
          case 'native': return native(json, r, ctx, codeUrl);
          case 'close': return close(json, r, ctx);
          case 'query': return query(url.searchParams, r, ctx);
          case 'reverse': return reverse(json, r, ctx);
          case 'refund': return refund(json, ctx);
          case 'refund-query': return refundQuery(url.searchParams, r, ctx);
        }
      });
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      a = e.answer;
    }
    record(a, ids);
    deliver(req, res, a);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A bug in the gateway must not look like an answer the till could trust: unsigned 500.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`WeChat training gateway error: ${e instanceof Error ? e.message : String(e)}\n`);
      } else req.socket.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    store.close();
    throw new PosError('INVALID_ARGUMENT', `the WeChat training gateway cannot listen on 127.0.0.1:${port}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const bound = (server.address() as AddressInfo).port;
  boundPort = bound;
  const look = <T>(fn: () => T): T => store.atomically(() => {
    store.settleDue(now());
    return fn();
  });
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    requests: () => log.map((x) => ({ ...x })),
    chargeCount: (n) => look(() => store.anyByOutTradeNo(n)?.charges ?? 0),
    refundCount: (n) => look(() => store.refundCount(n)),
    stateOf: (n) => look(() => store.anyByOutTradeNo(n)?.state),
    simulateQrScan: scanNow,
    set: (x) => Object.assign(live, Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined))),
    close: async () => {
      if (closing) return;
      closing = true;
      for (const t of late) clearTimeout(t);
      late.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      store.close();
    },
  };
}
