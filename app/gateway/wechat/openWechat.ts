// Builds the till's WeChat Pay gateway from its configuration (app/till.ts calls it): in training
// the WeChat training gateway (in-process unless wechat.baseUrl points at a `pos gateway-sim
// --provider wechat`) with the training keys; live, the merchant's keys, each read and checked
// with its field named; a live till without wechat.mchId has no WeChat gateway at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PosError } from '../../common/errors.ts';
import type { ResolvedConfig } from '../../config/config.ts';
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

export async function openWechatGateway(config: ResolvedConfig): Promise<{ gateway: Gateway; close(): Promise<void> } | undefined> {
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
    if (w?.baseUrl) return { gateway: make(w.baseUrl), close: async () => {} };
    // The in-process training gateway starts on the first WeChat request, so `pos report`, `pos
    // query` of an Alipay payment and the like start no second server they do not use.
    const lazy = new LazyWechatGateway(async () => {
      const sim = await startWechatTrainingGateway({ storePath: join(config.dataDir, WECHAT_TRAINING_STORE_FILE) });
      return { gateway: make(sim.url), close: () => sim.close() };
    }, make('http://127.0.0.1:9'));
    return { gateway: lazy, close: () => lazy.close() };
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
    close: async () => {},
  };
}

/** A WechatGateway whose training gateway is started on first use (same provider, rules, answers). */
class LazyWechatGateway implements Gateway, QrGateway {
  readonly provider = 'wechat' as const;
  readonly training = true;
  readonly rules: ProviderRules;
  #started: Promise<{ gateway: WechatGateway; close(): Promise<void> }> | undefined;
  readonly #start: () => Promise<{ gateway: WechatGateway; close(): Promise<void> }>;

  constructor(start: () => Promise<{ gateway: WechatGateway; close(): Promise<void> }>, shape: WechatGateway) {
    this.#start = start;
    this.rules = shape.rules;
  }

  #g(): Promise<WechatGateway> {
    this.#started ??= this.#start();
    return this.#started.then((s) => s.gateway);
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
