// The training gateway's HTTP server: gateway.do on 127.0.0.1 only, answering as Alipay's v2
// gateway does, with the misbehaviours the till must survive (late, missing and forged answers).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PosError } from '../../common/errors.ts';
import { DEFAULT_PAYS_AFTER_MS, DEFAULT_SLOW_ANSWER_MS, behaviourForCode, type Behaviour } from './behaviours.ts';
import { answerGatewayCall, type Answered } from './gateway-protocol.ts';
import { loadTrainingKeys, type TrainingKeys } from './keys.ts';
import { bizOf, outBizNoOf, outTradeNoOf, readGatewayParams } from './request-params.ts';
import type { TrainingCertContents } from './certs.ts';
import { forgedCertSn, gatewayCerts } from './training-cert-mode.ts';
import { signedAnswerBody, throwawayPrivateKey } from './signing.ts';
import { BILL_PATH, billRoute, type BillFault } from './bill-route.ts';
import { TradeStore } from './trade-store.ts';
import type { GatewayCall, TimingHooks } from './timing-hooks.ts';

export type TrainingGatewayOptions = {
  /** 0 = ephemeral (the default); always bound to 127.0.0.1. */
  port?: number;
  /** SQLite file holding trades and refunds, so state survives restarts and is shared by processes. */
  storePath: string;
  keys?: TrainingKeys;
  /** Clock (ms) for created/paid times and lazily computed statuses. */
  now?: () => number;
  paysAfterMs?: number;
  slowAnswerMs?: number;
  /** Overrides the code table (benchmarks use it). */
  behaviourFor?: (authCode: string) => Behaviour;
  /** Test-only: hold a call before it is handled or before its answer is sent (timing-hooks.ts). */
  hooks?: TimingHooks;
  /** Certificate mode (公钥证书): the chain from mintTrainingCertChain; key-mode requests are still answered. */
  certs?: TrainingCertContents;
  /** Serve this bad bill instead of the real one (the till's refusal tests). */
  billFault?: BillFault;
};

/** `biz`: the call's biz_content as it arrived (store_id, operator_id, undiscountable_amount …). */
export type GatewayRequestRecord = { method: string; outTradeNo?: string; outBizNo?: string; at: number; biz?: Record<string, unknown> };

export type TrainingGateway = {
  /** http://127.0.0.1:PORT/gateway.do */
  url: string;
  port: number;
  close(): Promise<void>;
  requests(): GatewayRequestRecord[];
  chargeCount(outTradeNo: string): number;
  /** Red packets actually paid out under this out_biz_no (0 or 1: a resend never pays twice). */
  transfersPaid(outBizNo?: string): number;
  /** The customer scans a precreated QR code and pays (unless the amount says they abandon it); a closed or paid trade is left as it is. */
  simulateQrScan(outTradeNo: string): void;
  /** Test-only: the buyer confirms a waiting barcode trade now (whatever its code's behaviour); false if it is not waiting. */
  simulateBuyerConfirms(outTradeNo: string): boolean;
};

export const GATEWAY_PATH = '/gateway.do';
/** The training customer's phone: GET shows a QR order, POST scans (and pays) it. Its address is what the QR code encodes. */
export const QR_SCAN_PATH = '/training/qr/';

function checkOptions(o: TrainingGatewayOptions): void {
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PosError('INVALID_ARGUMENT', `port must be 0–65535, got ${port}`);
  for (const [name, ms] of [['paysAfterMs', o.paysAfterMs], ['slowAnswerMs', o.slowAnswerMs]] as const) {
    if (ms !== undefined && (!Number.isFinite(ms) || ms < 0)) throw new PosError('INVALID_ARGUMENT', `${name} must be a number of milliseconds ≥ 0, got ${ms}`);
  }
  if (!o.storePath) throw new PosError('INVALID_ARGUMENT', 'storePath is required');
}

export async function startTrainingGateway(o: TrainingGatewayOptions): Promise<TrainingGateway> {
  checkOptions(o);
  const keys = o.keys ?? loadTrainingKeys();
  const now = o.now ?? Date.now;
  const times = { paysAfterMs: o.paysAfterMs ?? DEFAULT_PAYS_AFTER_MS, slowAnswerMs: o.slowAnswerMs ?? DEFAULT_SLOW_ANSWER_MS };
  const behaviourFor = o.behaviourFor ?? ((authCode: string) => behaviourForCode(authCode, times));
  const certs = o.certs ? gatewayCerts(o.certs) : undefined;
  const store = new TradeStore(o.storePath);
  const bills = billRoute(() => store.bills, o.billFault);
  const log: GatewayRequestRecord[] = [];
  const lateAnswers = new Set<NodeJS.Timeout>();
  let closing = false;
  let calls = 0;

  function send(res: ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  function deliver(req: IncomingMessage, res: ServerResponse, a: Answered): void {
    const delivery = a.delivery ?? { kind: 'now' };
    const sn = a.certMode && certs ? (delivery.kind === 'forged-cert-sn' ? forgedCertSn(certs.alipayCertSn) : certs.alipayCertSn) : undefined;
    const body = (key: string) => signedAnswerBody(a.responseKey, a.answer, key, sn);
    const json = 'application/json; charset=utf-8';
    switch (delivery.kind) {
      case 'now':
      case 'forged-cert-sn':
        return send(res, 200, json, body(keys.gatewayPrivateKey));
      case 'forged':
        return send(res, 200, json, body(throwawayPrivateKey()));
      case 'drop':
        // The charge is committed; the till hears nothing, as when a line drops mid-answer.
        req.socket.destroy();
        return;
      case 'after': {
        const text = body(keys.gatewayPrivateKey);
        const timer = setTimeout(() => {
          lateAnswers.delete(timer);
          if (!res.destroyed) send(res, 200, json, text);
        }, delivery.afterMs);
        lateAnswers.add(timer);
        // A client that gave up needs no answer; forget the timer so it holds nothing open.
        res.on('close', () => {
          clearTimeout(timer);
          lateAnswers.delete(timer);
        });
        return;
      }
    }
  }

  /** The customer's phone, in training: GET shows the order, POST scans it (and pays, as the amount's behaviour says). */
  function serveQrScan(req: IncomingMessage, res: ServerResponse, outTradeNo: string): void {
    const t = store.atomically(() => {
      store.settleDue(now());
      return store.find({ outTradeNo });
    });
    if (!t || t.origin !== 'precreate') return send(res, 404, 'text/plain; charset=utf-8', `no QR order ${outTradeNo}\n`);
    if (req.method === 'POST') {
      scanQr(outTradeNo);
      const after = store.atomically(() => store.find({ outTradeNo })!);
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ out_trade_no: outTradeNo, trade_status: after.status, scanned: after.scanned }));
    }
    const amount = `${Math.floor(t.totalFen / 100)}.${String(t.totalFen % 100).padStart(2, '0')}`;
    const page = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>培训：扫码付款</title></head><body>`
      + `<h1>培训模式 · 扫码付款</h1><p>订单 ${outTradeNo}</p><p>金额 ¥${amount}</p><p>状态 ${t.status}</p>`
      + `<form method="post"><button type="submit">付款 Pay</button></form></body></html>`;
    return send(res, 200, 'text/html; charset=utf-8', page);
  }

  /** The training customer scans a QR code: the trade appears at the gateway and, unless abandoned, is paid. */
  function scanQr(outTradeNo: string): void {
    store.atomically(() => {
      const at = now();
      store.settleDue(at);
      const t = store.find({ outTradeNo });
      if (!t || t.origin !== 'precreate') throw new PosError('NOT_FOUND', `no precreated trade ${outTradeNo} to scan`);
      if (t.status !== 'WAIT_BUYER_PAY') return;
      store.markScanned(outTradeNo);
      if (t.behaviour.kind !== 'qr-abandoned') store.markPaid(outTradeNo, at);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === BILL_PATH && req.method === 'GET') return bills.serve(url, res, now());
    if (url.pathname.startsWith(QR_SCAN_PATH)) return serveQrScan(req, res, decodeURIComponent(url.pathname.slice(QR_SCAN_PATH.length)));
    if (url.pathname !== GATEWAY_PATH) return send(res, 404, 'text/plain; charset=utf-8', `not found: the training gateway answers ${GATEWAY_PATH}\n`);
    if (req.method !== 'POST' && req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    const read = await readGatewayParams(req);
    if (closing) return void req.socket.destroy();
    if (!read.ok) return send(res, read.status, 'text/plain; charset=utf-8', `${read.why}\n`);
    const call: GatewayCall = { method: read.params.get('method') ?? '', outTradeNo: outTradeNoOf(read.params), seq: ++calls };
    await o.hooks?.beforeHandle?.(call);
    if (closing) return void req.socket.destroy();
    const at = now();
    const outTradeNo = outTradeNoOf(read.params);
    const outBizNo = outBizNoOf(read.params);
    const biz = bizOf(read.params);
    log.push({ method: read.params.get('method') ?? '', ...(outTradeNo === undefined ? {} : { outTradeNo }), ...(outBizNo === undefined ? {} : { outBizNo }), at, ...(biz ? { biz } : {}) });
    const answered = answerGatewayCall(read.params, { store, tillPublicKey: keys.tillPublicKey, nowMs: at, behaviourFor, certs, slowAnswerMs: times.slowAnswerMs, billLink: (day) => bills.link(`http://127.0.0.1:${port}`, day, at), qrLink: (no) => `http://127.0.0.1:${port}${QR_SCAN_PATH}${encodeURIComponent(no)}` });
    await o.hooks?.beforeAnswer?.(call);
    if (res.destroyed) return; // the client gave up waiting
    deliver(req, res, answered);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A bug in the gateway must not look like an answer the till could trust.
      if (!res.headersSent && !res.destroyed) send(res, 500, 'text/plain; charset=utf-8', `training gateway error: ${e instanceof Error ? e.message : String(e)}\n`);
      else req.socket.destroy();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    store.close();
    throw new PosError('INVALID_ARGUMENT', `the training gateway cannot listen on 127.0.0.1:${o.port ?? 0}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${GATEWAY_PATH}`,
    port,
    requests: () => log.map((r) => ({ ...r })),
    transfersPaid: (outBizNo) => store.transfers.paidCount(outBizNo),
    chargeCount: (outTradeNo) =>
      store.atomically(() => {
        store.settleDue(now());
        return store.find({ outTradeNo })?.charges ?? 0;
      }),
    simulateBuyerConfirms: (outTradeNo) =>
      store.atomically(() => {
        const at = now();
        store.settleDue(at);
        const t = store.find({ outTradeNo });
        if (!t || t.origin !== 'bar_code' || t.status !== 'WAIT_BUYER_PAY') return false;
        store.markPaid(outTradeNo, at);
        return true;
      }),
    simulateQrScan: scanQr,
    close: async () => {
      if (closing) return;
      closing = true;
      for (const t of lateAnswers) clearTimeout(t);
      lateAnswers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      store.close();
    },
  };
}
