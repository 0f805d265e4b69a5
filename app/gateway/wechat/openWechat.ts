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
import { WechatGateway } from './WechatGateway.ts';

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

export async function openWechatGateway(config: ResolvedConfig): Promise<{ gateway: WechatGateway; close(): Promise<void> } | undefined> {
  const w = config.wechat;
  const training = config.mode === 'training';
  // scene_info.store_info.id is required: wechat.storeId, else alipay.storeId, else "001" (merchant.ts).
  const place = { storeId: w?.storeId ?? config.alipay.storeId, deviceId: w?.deviceId ?? config.alipay.terminalId };
  const common = { requestTimeoutMs: config.payment.requestTimeoutMs, subMchId: w?.subMchId, subAppId: w?.subAppId, ...place };
  if (training) {
    const keys = loadWechatTrainingKeys();
    const sim = w?.baseUrl ? undefined : await startWechatTrainingGateway({ storePath: join(config.dataDir, WECHAT_TRAINING_STORE_FILE) });
    try {
      const gateway = new WechatGateway({
        ...common,
        mchId: TRAINING_MCH_ID, appId: TRAINING_APP_ID, baseUrl: w?.baseUrl ?? sim!.url,
        privateKey: keys.merchantPrivateKey, certSerialNo: TRAINING_CERT_SERIAL,
        wechatPayPublicKey: keys.wechatPayPublicKey, wechatPayPublicKeyId: TRAINING_PUB_KEY_ID, training: true,
      });
      return { gateway, close: async () => sim?.close() };
    } catch (e) {
      await sim?.close();
      throw e;
    }
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
      wechatPayPublicKey: publicKey, wechatPayPublicKeyId: w.wechatPayPublicKeyId!, training: false,
    }),
    close: async () => {},
  };
}
