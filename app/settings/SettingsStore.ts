// The settings the cashier's screen can change, kept in <dataDir>/settings.json beside the
// journal, with the keys sealed in <dataDir>/keys/. They are laid over the configuration file
// when the till opens; the file stays the source for anything the screen does not set.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PosError } from '../common/errors.ts';
import type { SettingsPatch } from '../common/ipc/contract.ts';
import type { SettingsView } from '../common/ipc/views.ts';
import type { ResolvedConfig } from '../config/config.ts';
import { normalisePrivateKey, normalisePublicKey } from '../gateway/keys.ts';
import { parsePrinterUrl } from '../printing/printerUrl.ts';
import { isPrinterDevicePath } from '../printing/printerDevice.ts';
import type { SecretBox, SealedKeyName } from './SecretBox.ts';

const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

export const StoredSettingsSchema = z.object({
  shopName: z.string().trim().min(1).max(64).optional(),
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  training: z.boolean().default(true),
  alipay: z.object({ appId: z.string().regex(/^\d{16}$/, 'a 16-digit Alipay app id').optional(), storeId: id.optional(), terminalId: id.optional(), operatorId: id.optional() }).default({}),
  scanner: z.object({ source: z.enum(['wedge', 'hid', 'serial']).default('wedge'), path: z.string().min(1).nullable().default(null) }).default({ source: 'wedge', path: null }),
  printer: z.object({ url: z.string().min(1).nullable().default(null), paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80), printOnSuccess: z.boolean().default(true) }).default({ url: null, paperWidthMm: 80, printOnSuccess: true }),
});

export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

function printerDeviceAllowed(url: string): boolean {
  let a;
  try {
    a = parsePrinterUrl(url);
  } catch {
    return false;
  }
  return a.kind === 'usb' || a.kind === 'serial' ? isPrinterDevicePath(a.path) : true;
}

export const SettingsPatchSchema = z.object({
  shopName: z.string().trim().min(1).max(64).optional(),
  language: z.enum(['zh-CN', 'en']).optional(),
  training: z.boolean().optional(),
  alipay: z.object({
    appId: z.string().regex(/^\d{16}$/, 'a 16-digit Alipay app id').optional(),
    privateKeyPem: z.string().min(1).max(10_000).optional(),
    alipayPublicKeyPem: z.string().min(1).max(10_000).optional(),
    storeId: id.optional(),
    terminalId: id.optional(),
    operatorId: id.optional(),
  }).strict().optional(),
  scanner: z.object({ source: z.enum(['wedge', 'hid', 'serial']).optional(), path: z.string().min(1).max(256).nullable().optional() }).strict().optional(),
  printer: z.object({
    url: z.string().regex(/^(tcp:\/\/[^\s/:]+(:\d{1,5})?|serial:\S+|usb:\/\S+|os:.*)$/, 'tcp://HOST:9100, serial:/dev/…, usb:/dev/… or os:NAME')
      // Issue 10 item 6: usb:/etc/passwd was accepted and then written over.
      .refine(printerDeviceAllowed, 'a usb: or serial: printer must be a printer device (/dev/usb/lp0, /dev/ttyUSB0, COM3), not a file')
      .nullable().optional(),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]).optional(),
    printOnSuccess: z.boolean().optional(),
  }).strict().optional(),
}).strict() satisfies z.ZodType<SettingsPatch>;

export class SettingsStore {
  readonly #dir: string;
  readonly #box: SecretBox;

  constructor(dataDir: string, box: SecretBox) {
    this.#dir = dataDir;
    this.#box = box;
  }

  get #file(): string {
    return join(this.#dir, 'settings.json');
  }

  read(): StoredSettings {
    if (!existsSync(this.#file)) return StoredSettingsSchema.parse({});
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.#file, 'utf8'));
    } catch (e) {
      throw new PosError('INVALID_CONFIG', `${this.#file} is not valid JSON: ${(e as Error).message}`);
    }
    const r = StoredSettingsSchema.safeParse(raw);
    if (!r.success) throw new PosError('INVALID_CONFIG', `${this.#file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return r.data;
  }

  /** Validates everything first, then writes: a bad patch changes nothing. */
  write(patch: SettingsPatch): StoredSettings {
    const p = SettingsPatchSchema.parse(patch);
    const privateKey = p.alipay?.privateKeyPem === undefined ? undefined : normalisePrivateKey(p.alipay.privateKeyPem, 'the imported private key');
    const publicKey = p.alipay?.alipayPublicKeyPem === undefined ? undefined : normalisePublicKey(p.alipay.alipayPublicKeyPem, 'the imported Alipay public key');
    const current = this.read();
    const { privateKeyPem: _a, alipayPublicKeyPem: _b, ...alipayIds } = p.alipay ?? {};
    const next = StoredSettingsSchema.parse({
      ...current,
      ...(p.shopName !== undefined ? { shopName: p.shopName } : {}),
      ...(p.language !== undefined ? { language: p.language } : {}),
      ...(p.training !== undefined ? { training: p.training } : {}),
      alipay: { ...current.alipay, ...alipayIds },
      scanner: { ...current.scanner, ...p.scanner },
      printer: { ...current.printer, ...p.printer },
    });
    if (next.training === false && (!next.alipay.appId || !(privateKey ?? this.key('privateKey')) || !(publicKey ?? this.key('alipayPublicKey')))) {
      throw new PosError('INVALID_CONFIG', 'live mode needs the app id, the app private key and the Alipay public key');
    }
    mkdirSync(join(this.#dir, 'keys'), { recursive: true, mode: 0o700 });
    if (privateKey) this.#seal('privateKey', privateKey);
    if (publicKey) this.#seal('alipayPublicKey', publicKey);
    const tmp = `${this.#file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.#file);
    return next;
  }

  #seal(name: SealedKeyName, pem: string): void {
    writeFileSync(join(this.#dir, 'keys', `${name}.sealed`), this.#box.seal(pem), { mode: 0o600 });
  }

  key(name: SealedKeyName): string | undefined {
    const file = join(this.#dir, 'keys', `${name}.sealed`);
    return existsSync(file) ? this.#box.open(readFileSync(file)) : undefined;
  }

  /** The configuration with the screen's settings laid over it. */
  apply(config: ResolvedConfig): ResolvedConfig {
    const s = this.read();
    const privateKeyPem = this.key('privateKey');
    const alipayPublicKeyPem = this.key('alipayPublicKey');
    const live = s.training === false && s.alipay.appId !== undefined && privateKeyPem !== undefined && alipayPublicKeyPem !== undefined;
    return {
      ...config,
      shopName: s.shopName ?? config.shopName,
      subject: s.shopName ?? config.subject,
      mode: live ? 'live' : config.mode,
      alipay: {
        ...config.alipay,
        ...(live ? { appId: s.alipay.appId!, privateKeyPem, alipayPublicKeyPem, gateway: config.mode === 'live' ? config.alipay.gateway : undefined } : {}),
        storeId: s.alipay.storeId ?? config.alipay.storeId,
        terminalId: s.alipay.terminalId ?? config.alipay.terminalId,
        operatorId: s.alipay.operatorId ?? config.alipay.operatorId,
      },
    };
  }

  view(config: ResolvedConfig): SettingsView {
    const s = this.read();
    return {
      mode: config.mode,
      shopName: s.shopName ?? config.shopName,
      language: s.language,
      alipay: {
        appId: s.alipay.appId ?? (config.mode === 'live' ? config.alipay.appId : null),
        hasPrivateKey: this.key('privateKey') !== undefined || config.alipay.privateKeyPath !== undefined,
        hasAlipayPublicKey: this.key('alipayPublicKey') !== undefined || config.alipay.alipayPublicKeyPath !== undefined,
        storeId: s.alipay.storeId ?? config.alipay.storeId ?? null,
        terminalId: s.alipay.terminalId ?? config.alipay.terminalId ?? null,
        operatorId: s.alipay.operatorId ?? config.alipay.operatorId ?? null,
      },
      scanner: s.scanner,
      printer: s.printer,
    };
  }
}
