// Reads the three certificate files the config names (certificate mode), or, for a training till
// that runs its own training gateway and has promotions, mints the training chain in its data
// folder: red packets need cert mode, and training should rehearse exactly what live does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PosError } from '../common/errors.ts';
import type { ResolvedConfig } from '../config/config.ts';
import type { AlipayCertContents } from './alipayCerts.ts';
import { mintTrainingCertChain, readTrainingCerts } from './training/certs.ts';

function read(path: string, key: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new PosError('INVALID_CONFIG', `cannot read ${key} ${path}: ${why}`, { detailZh: `无法读取 ${key} ${path}：${why}` });
  }
}

export function loadAlipayCerts(config: ResolvedConfig): AlipayCertContents | undefined {
  const a = config.alipay;
  if (a.signMode === 'cert' && a.appCertPath && a.alipayPublicCertPath && a.alipayRootCertPath) {
    return {
      appCert: read(a.appCertPath, 'alipay.appCertPath'),
      alipayPublicCert: read(a.alipayPublicCertPath, 'alipay.alipayPublicCertPath'),
      alipayRootCert: read(a.alipayRootCertPath, 'alipay.alipayRootCertPath'),
    };
  }
  if (config.mode === 'training' && a.gateway === undefined && (config.promotions?.length ?? 0) > 0) {
    return readTrainingCerts(mintTrainingCertChain(join(config.dataDir, 'training-certs'), a.appId));
  }
  return undefined;
}
