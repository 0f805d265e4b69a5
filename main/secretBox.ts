// The Alipay keys imported on the settings screen rest on disk sealed by the OS: DPAPI on Windows,
// the Keychain on macOS, libsecret/KWallet on Linux, through Electron's safeStorage. Where none
// of these works the till refuses to store keys rather than write them in a form that only looks
// protected; the config file's key paths (alipay.privateKeyPath) remain the way to go live then.
import { PosError } from '../app/common/errors.ts';
import type { SecretBox } from '../app/settings/SecretBox.ts';
import type { SafeStoragePort } from './ports.ts';

/**
 * Linux's `basic_text` backend encrypts with a password written in Chromium's source: anyone who
 * copies the data folder can open it. Electron documents it as the fallback when no keyring runs.
 */
const NO_PROTECTION_BACKENDS = new Set(['basic_text']);

function unavailable(why: string): PosError {
  return new PosError(
    'INVALID_CONFIG',
    `the keys cannot be stored: ${why}. On Linux start a keyring (gnome-keyring or KWallet) for the till's user; or give the key files in till.config.json (alipay.privateKeyPath, alipay.alipayPublicKeyPath) instead`,
    { detailZh: '系统钥匙串不可用，密钥未保存；请启用系统钥匙串，或在 till.config.json 中配置密钥文件路径' },
  );
}

/** Why safeStorage cannot protect keys here, or null when it can. */
export function safeStorageProblem(s: SafeStoragePort): string | null {
  if (!s.isEncryptionAvailable()) return 'the OS offers no encryption to the till (Electron safeStorage.isEncryptionAvailable() is false)';
  const backend = s.getSelectedStorageBackend?.();
  if (backend !== undefined && NO_PROTECTION_BACKENDS.has(backend)) return `no keyring is running, and safeStorage's fallback (${backend}) uses a fixed, public password`;
  return null;
}

export function safeStorageBox(s: SafeStoragePort): SecretBox {
  const check = () => {
    const problem = safeStorageProblem(s);
    if (problem) throw unavailable(problem);
  };
  return {
    kind: 'os-keychain',
    seal(plain) {
      check();
      return s.encryptString(plain);
    },
    open(sealed) {
      check();
      return s.decryptString(sealed);
    },
  };
}
