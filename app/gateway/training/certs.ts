// A training certificate chain for Alipay's 公钥证书 (certificate) mode, minted with the system
// `openssl` (node:crypto reads X.509 but cannot issue it). Alipay issues three files to a merchant:
// the app's public-key certificate, Alipay's public-key certificate and Alipay's root bundle; here a
// training root signs the first two around the training key pairs in assets/training/, and the root
// bundle also carries an ECDSA root, as Alipay's real bundle carries a non-RSA root, so the "RSA
// roots only" rule of the root serial (qr-bills-transfers.md §4) is exercised. Public on purpose,
// never accepted live (app/till.ts refuses the training gateway's key in live mode).
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PosError } from '../../common/errors.ts';
import { loadTrainingKeys, type TrainingKeys } from './keys.ts';

export type TrainingCertFiles = {
  dir: string;
  /** appCertPublicKey_<appId>.crt: the till's training public key, signed by the training root. */
  appCertPath: string;
  /** alipayCertPublicKey_RSA2.crt: the training gateway's public key, signed by the training root. */
  alipayPublicCertPath: string;
  /** alipayRootCert.crt: the training RSA root and an ECDSA root. */
  alipayRootCertPath: string;
};

export type TrainingCertContents = { appCert: string; alipayPublicCert: string; alipayRootCert: string };

const ISSUER = '/C=CN/O=Till Training/OU=Training Certification Authority/CN=Till Training Root CA R1';
const EC_ISSUER = '/C=CN/O=Till Training/OU=Training Certification Authority/CN=Till Training Root CA E1';
const DAYS = '3650';

function openssl(args: string[], input?: string): string {
  try {
    return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new PosError('INVALID_CONFIG', 'the training certificate chain is minted with the openssl command, which is not installed (Debian: apt-get install openssl)', {
        detailZh: '培训证书链需要 openssl 命令生成，本机未安装（Debian：apt-get install openssl）',
      });
    }
    throw new PosError('INTERNAL_ERROR', `openssl ${args[0]} failed: ${(err.stderr ?? err.message).toString().trim().slice(0, 300)}`);
  }
}

export function trainingCertFiles(dir: string, appId: string): TrainingCertFiles {
  return {
    dir,
    appCertPath: join(dir, `appCertPublicKey_${appId}.crt`),
    alipayPublicCertPath: join(dir, 'alipayCertPublicKey_RSA2.crt'),
    alipayRootCertPath: join(dir, 'alipayRootCert.crt'),
  };
}

export function readTrainingCerts(files: Omit<TrainingCertFiles, 'dir'>): TrainingCertContents {
  return {
    appCert: readFileSync(files.appCertPath, 'utf8'),
    alipayPublicCert: readFileSync(files.alipayPublicCertPath, 'utf8'),
    alipayRootCert: readFileSync(files.alipayRootCertPath, 'utf8'),
  };
}

/** A chain already in `dir` is reused when it still certifies the training keys. */
function usable(f: TrainingCertFiles, keys: TrainingKeys): boolean {
  try {
    const c = readTrainingCerts(f);
    const app = new X509Certificate(c.appCert);
    const alipay = new X509Certificate(c.alipayPublicCert);
    const spki = (pem: string) => pem.replace(/\s+/g, '');
    return spki(app.publicKey.export({ type: 'spki', format: 'pem' }).toString()) === spki(keys.tillPublicKey)
      && spki(alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString()) === spki(keys.gatewayPublicKey)
      && Date.parse(alipay.validTo) > Date.now() && Date.parse(app.validTo) > Date.now();
  } catch {
    return false;
  }
}

/** Random positive serials, as a CA issues them (decimal form goes into the SN). */
function serial(): string {
  const hex = randomBytes(12).toString('hex');
  return `0x${(parseInt(hex[0]!, 16) & 0x7).toString(16)}${hex.slice(1)}`;
}

/**
 * Mints (or reuses) the chain in `dir` for `appId`. Written to a temporary folder that is renamed
 * into place as a whole, so two processes minting at once never mix files of two chains.
 */
export function mintTrainingCertChain(dir: string, appId: string, keys: TrainingKeys = loadTrainingKeys()): TrainingCertFiles {
  const files = trainingCertFiles(dir, appId);
  if (usable(files, keys)) return files;
  const work = `${dir}.minting-${process.pid}-${Date.now()}`;
  mkdirSync(work, { recursive: true });
  try {
    const rootKey = join(work, 'root.key');
    const ecKey = join(work, 'root-ec.key');
    writeFileSync(rootKey, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(ecKey, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const rootCrt = join(work, 'root.crt');
    openssl(['req', '-x509', '-new', '-key', rootKey, '-sha256', '-days', DAYS, '-subj', ISSUER, '-set_serial', serial(), '-out', rootCrt]);
    const ecRoot = openssl(['req', '-x509', '-new', '-key', ecKey, '-sha256', '-days', DAYS, '-subj', EC_ISSUER, '-set_serial', serial()]);

    const issue = (privateKeyPem: string, subject: string, out: string) => {
      const keyFile = join(work, 'subject.key');
      writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
      const csr = openssl(['req', '-new', '-key', keyFile, '-subj', subject]);
      openssl(['x509', '-req', '-CA', rootCrt, '-CAkey', rootKey, '-set_serial', serial(), '-days', DAYS, '-sha256', '-out', out], csr);
      rmSync(keyFile);
    };
    const staged = trainingCertFiles(work, appId);
    issue(keys.tillPrivateKey, `/C=CN/O=Till Training Merchant/OU=Alipay Open Platform/CN=${appId}`, staged.appCertPath);
    issue(keys.gatewayPrivateKey, '/C=CN/O=Till Training Alipay/OU=Alipay Open Platform/CN=Training Alipay Gateway', staged.alipayPublicCertPath);
    // The real bundle lists several roots; the RSA one first, then one the SN rule must skip.
    writeFileSync(staged.alipayRootCertPath, `${readFileSync(rootCrt, 'utf8').trim()}\n${ecRoot.trim()}\n`);
    rmSync(rootKey);
    rmSync(ecKey);
    rmSync(rootCrt);
    // A stale chain (other keys, expired) makes way; a fresh one another process just
    // renamed into place wins over ours.
    if (existsSync(dir) && !usable(files, keys)) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dirname(dir), { recursive: true });
    try {
      renameSync(work, dir);
    } catch (e) {
      if (!usable(files, keys)) throw e;
    }
  } finally {
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
  return files;
}
