// The WeChat Pay training keys in assets/training/wechat/ (public on purpose; never accepted live),
// made and stored the way the Alipay training keys are (see that folder's README.md).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const WECHAT_TRAINING_KEYS_DIR = resolve(import.meta.dirname, '../../../../assets/training/wechat');

/** Training identities: look like the real ones, cannot be mistaken for them. */
export const TRAINING_MCH_ID = '1900000000';
export const TRAINING_APP_ID = 'wx0000000000training';
export const TRAINING_CERT_SERIAL = 'TRAINING0000000000000000000000000000000001';
export const TRAINING_PUB_KEY_ID = 'PUB_KEY_ID_0100000000000000000000000000TRAIN';
export const TRAINING_PLATFORM_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';

export type WechatTrainingKeys = {
  /** The till signs requests with this (plays apiclient_key.pem). */
  merchantPrivateKey: string;
  /** The training gateway verifies requests with this. */
  merchantPublicKey: string;
  /** The training gateway signs answers with this (WeChat Pay public-key mode). */
  wechatPayPrivateKey: string;
  /** The till verifies answers with this (plays pub_key.pem). */
  wechatPayPublicKey: string;
  /** The older platform-certificate mode: the gateway's key and the certificate the till holds. */
  platformPrivateKey: string;
  platformCertificate: string;
};

export function loadWechatTrainingKeys(dir: string = WECHAT_TRAINING_KEYS_DIR): WechatTrainingKeys {
  const read = (name: string) => readFileSync(resolve(dir, name), 'utf8');
  return {
    merchantPrivateKey: read('merchant-private-pkcs8.pem'),
    merchantPublicKey: read('merchant-public.pem'),
    wechatPayPrivateKey: read('wechatpay-private-pkcs8.pem'),
    wechatPayPublicKey: read('wechatpay-public.pem'),
    platformPrivateKey: read('platform-private-pkcs8.pem'),
    platformCertificate: read('platform-cert.pem'),
  };
}
