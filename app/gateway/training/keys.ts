// The training key pairs in assets/training/ (public on purpose; never accepted live). The folder is
// found from this module's own location so the gateway works whatever the working directory is.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type TrainingKeys = {
  /** The till signs its requests with this (PKCS#8). */
  tillPrivateKey: string;
  /** The training gateway verifies requests with this. */
  tillPublicKey: string;
  /** The training gateway signs its answers with this (PKCS#8). */
  gatewayPrivateKey: string;
  /** The till verifies answers with this (alipay-sdk's `alipayPublicKey`). */
  gatewayPublicKey: string;
};

export const TRAINING_KEYS_DIR = resolve(import.meta.dirname, '../../../assets/training');

export function loadTrainingKeys(dir: string = TRAINING_KEYS_DIR): TrainingKeys {
  const read = (name: string) => readFileSync(resolve(dir, name), 'utf8');
  return {
    tillPrivateKey: read('till-private-pkcs8.pem'),
    tillPublicKey: read('till-public.pem'),
    gatewayPrivateKey: read('gateway-private-pkcs8.pem'),
    gatewayPublicKey: read('gateway-public.pem'),
  };
}
