// Where the Alipay keys rest on disk. In Electron, main passes a box over `safeStorage` (the OS
// keychain / DPAPI / libsecret); without Electron (browser mode, CLI) the keys are written as a
// file only the till's user can read, and the settings screen says which one is in use.
import { z } from 'zod';

export interface SecretBox {
  readonly kind: 'os-keychain' | 'file-permissions';
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

export const filePermissionBox: SecretBox = {
  kind: 'file-permissions',
  seal: (plain) => Buffer.from(plain, 'utf8'),
  open: (sealed) => sealed.toString('utf8'),
};

export const SealedKeyName = z.enum(['privateKey', 'alipayPublicKey', 'wechatPrivateKey', 'wechatPayPublicKey']);
export type SealedKeyName = z.infer<typeof SealedKeyName>;
