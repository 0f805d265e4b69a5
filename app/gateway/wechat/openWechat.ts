// Builds the till's WeChat Pay gateway from its configuration (app/till.ts calls it): in training
// the WeChat training gateway (in-process unless wechat.baseUrl points at a `pos gateway-sim
// --provider wechat`) with the training keys; live, the merchant's keys, each read and checked
// with its field named; a live till without wechat.mchId has no WeChat gateway at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PosError } from '../../common/errors.ts';
import type { ResolvedConfig } from '../../config/config.ts';
import type { BillSource, FetchedBill } from '../../reconcile/billSource.ts';
import { wechatTrainingBills } from '../../reconcile/training/wechatBillRoute.ts';
import { wechatBillSourceFor } from '../../reconcile/wechatBillSource.ts';
import { startWechatTrainingGateway } from './training/server.ts';
import { TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PUB_KEY_ID, loadWechatTrainingKeys } from './training/keys.ts';
import type { CancelOutcome, Gateway, PayOutcome, PayRequest, ProviderRules, QueryOutcome, RefundOutcome, RefundQueryOutcome, RefundRequest } from '../Gateway.ts';
import { WechatGateway } from './WechatGateway.ts';
import type { CloseOutcome, QrGateway, QrOutcome, QrRequest } from '../qr.ts';
import { TRAINING_NOTIFY_URL } from './wechatQr.ts';

export const WECHAT_TRAINING_STORE_FILE = 'wechat-training-gateway.db';

function readKey(path: string | undefined, field: string): string {
  if (!path) throw new PosError('INVALID_CONFIG', `${field} is missing`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PosError('INVALID_CONFIG', `cannot read ${field} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { detailZh: `无法读取 ${field}（${path}）` });
  }
}

const body = (k: string) => k.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

/** The gateway, and the day-bill source for the same merchant, keys and service (the Reconciler's `wechat:`). */
export type OpenedWechat = { gateway: Gateway; billSource: BillSource; close(): Promise<void> };

export async function openWechatGateway(config: ResolvedConfig): Promise<OpenedWechat | undefined> {
  const w = config.wechat;
  const training = config.mode === 'training';
  // scene_info.store_info.id is required: wechat.storeId, else alipay.storeId, else "001" (merchant.ts).
  const place = { storeId: w?.storeId ?? config.alipay.storeId, deviceId: w?.deviceId ?? config.alipay.terminalId };
  const common = { requestTimeoutMs: config.payment.requestTimeoutMs, subMchId: w?.subMchId, subAppId: w?.subAppId, ...place };
  if (training) {
    const keys = loadWechatTrainingKeys();
    const make = (baseUrl: string) => new WechatGateway({
      ...common,
      mchId: TRAINING_MCH_ID, appId: TRAINING_APP_ID, baseUrl,
      privateKey: keys.merchantPrivateKey, certSerialNo: TRAINING_CERT_SERIAL,
      wechatPayPublicKey: keys.wechatPayPublicKey, wechatPayPublicKeyId: TRAINING_PUB_KEY_ID, training: true,
      // Training needs no notify address: a fixed https placeholder nobody listens on, unless one is configured.
      notifyUrl: w?.notifyUrl ?? TRAINING_NOTIFY_URL,
    });
    const bills = (baseUrl: string) => wechatBillSourceFor({
      ...common, baseUrl, mchId: TRAINING_MCH_ID, privateKey: keys.merchantPrivateKey, certSerialNo: TRAINING_CERT_SERIAL,
      wechatPayPublicKey: keys.wechatPayPublicKey, wechatPayPublicKeyId: TRAINING_PUB_KEY_ID,
    });
    if (w?.baseUrl) return { gateway: make(w.baseUrl), billSource: bills(w.baseUrl), close: async () => {} };
    // The in-process training gateway starts on the first WeChat request, so `pos report`, `pos
    // query` of an Alipay payment and the like start no second server they do not use.
    const lazy = new LazyWechatGateway(async () => {
      // The bill paths (app/reconcile/training/wechatBillRoute.ts) ride on the same server and store file.
      const storePath = join(config.dataDir, WECHAT_TRAINING_STORE_FILE);
      const routes = wechatTrainingBills(storePath);
      const sim = await startWechatTrainingGateway({ storePath, extraRoute: routes.route });
      routes.origin(sim.url);
      return { gateway: make(sim.url), url: sim.url, close: () => sim.close() };
    }, make('http://127.0.0.1:9'));
    // A bill download starts the training gateway too (same server, same store).
    const billSource: BillSource = { provider: 'wechat', fetch: async (day: string): Promise<FetchedBill> => bills(await lazy.url()).fetch(day) };
    return { gateway: lazy, billSource, close: () => lazy.close() };
  }
  if (!w?.mchId) return undefined;
  const privateKey = w.privateKeyPem ?? readKey(w.privateKeyPath, 'the merchant API private key (wechat.privateKeyPath)');
  const publicKey = w.wechatPayPublicKeyPem ?? readKey(w.wechatPayPublicKeyPath, 'the WeChat Pay public key (wechat.wechatPayPublicKeyPath)');
  if (body(publicKey) === body(loadWechatTrainingKeys().wechatPayPublicKey)) {
    throw new PosError('INVALID_CONFIG', "wechat.wechatPayPublicKeyPath is the training gateway's key; a live till needs the WeChat Pay public key (pub_key.pem) from the merchant platform");
  }
  return {
    gateway: new WechatGateway({
      ...common,
      mchId: w.mchId, appId: w.appId!, baseUrl: w.baseUrl!, privateKey, certSerialNo: w.certSerialNo!,
      wechatPayPublicKey: publicKey, wechatPayPublicKeyId: w.wechatPayPublicKeyId!, training: false, notifyUrl: w.notifyUrl,
    }),
    billSource: wechatBillSourceFor({ ...common, mchId: w.mchId, baseUrl: w.baseUrl!, privateKey, certSerialNo: w.certSerialNo!, wechatPayPublicKey: publicKey, wechatPayPublicKeyId: w.wechatPayPublicKeyId! }),
    close: async () => {},
  };
}

type StartedWechat = { gateway: WechatGateway; url: string; close(): Promise<void> };

/** A WechatGateway whose training gateway is started on first use (same provider, rules, answers). */
class LazyWechatGateway implements Gateway, QrGateway {
  readonly provider = 'wechat' as const;
  readonly training = true;
  readonly rules: ProviderRules;
  #started: Promise<StartedWechat> | undefined;
  readonly #start: () => Promise<StartedWechat>;

  constructor(start: () => Promise<StartedWechat>, shape: WechatGateway) {
    this.#start = start;
    this.rules = shape.rules;
  }

  #g(): Promise<WechatGateway> {
    this.#started ??= this.#start();
    return this.#started.then((s) => s.gateway);
  }

  /** The training gateway's address, starting it if it is not running yet (for the bill download). */
  async url(): Promise<string> {
    this.#started ??= this.#start();
    return (await this.#started).url;
  }

  async close(): Promise<void> {
    if (this.#started) await (await this.#started).close();
  }

  async pay(req: PayRequest): Promise<PayOutcome> { return (await this.#g()).pay(req); }
  async query(outTradeNo: string): Promise<QueryOutcome> { return (await this.#g()).query(outTradeNo); }
  async cancel(outTradeNo: string): Promise<CancelOutcome> { return (await this.#g()).cancel(outTradeNo); }
  async refund(req: RefundRequest): Promise<RefundOutcome> { return (await this.#g()).refund(req); }
  async refundQuery(outTradeNo: string, outRequestNo: string): Promise<RefundQueryOutcome> { return (await this.#g()).refundQuery(outTradeNo, outRequestNo); }
  async precreate(req: QrRequest): Promise<QrOutcome> { return (await this.#g()).precreate(req); }
  async closeQr(outTradeNo: string): Promise<CloseOutcome> { return (await this.#g()).closeQr(outTradeNo); }
}
