// The settings the cashier's screen can change, kept in <dataDir>/settings.json beside the
// journal, with the keys sealed in <dataDir>/keys/. They are laid over the configuration file
// when the till opens; the file stays the source for anything the screen does not set.
//
// A change is planned (everything checked, nothing written), then committed (issue 10 item 4):
// new keys go to new files named by their fingerprint, and settings.json, which names the key
// files in use, is replaced atomically last — that rename is the one moment the change happens,
// so a crash or a refused key leaves the old settings whole. Until finish() the old key files stay,
// so rollback() can put the old settings back if the till will not open with the new ones.
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import { promotionViews } from '../cashback/promotions.ts';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { PosError } from '../common/errors.ts';
import type { SettingsPatch } from '../common/ipc/contract.ts';
import type { SettingsView } from '../common/ipc/views.ts';
import { checkLiveGateway, LIVE_GATEWAY, parseConfig, type ResolvedConfig } from '../config/config.ts';
import { LIVE_WECHAT_BASE_URL, WechatSectionSchema } from '../config/wechatConfig.ts';
import { loadShopLogo, SETTINGS_LOGO } from '../config/shopLogo.ts';
import { normalisePrivateKey, normalisePublicKey } from '../gateway/keys.ts';
import { parsePrinterUrl } from '../printing/printerUrl.ts';
import { isPrinterDevicePath } from '../printing/printerDevice.ts';
import { writeFileAtomic } from './atomicFile.ts';
import { SealedKeyName, type SecretBox } from './SecretBox.ts';

// The WeChat ids as the config file's `wechat` section checks them (app/config/wechatConfig.ts).
const WECHAT_IDS = WechatSectionSchema.shape;

const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

const keyFileName = z.string().regex(/^(privateKey|alipayPublicKey|wechatPrivateKey|wechatPayPublicKey)\.[0-9a-f]{16}\.[0-9a-f]{8}\.sealed$/);

export const StoredSettingsSchema = z.object({
  shopName: z.string().trim().min(1).max(64).optional(),
  /** The customer display's logo file on this machine (issue 9 item 15); absent: the config file's shop.logoPath. */
  shopLogoPath: z.string().min(1).max(1024).optional(),
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  training: z.boolean().default(true),
  alipay: z.object({ appId: z.string().regex(/^\d{16}$/, 'a 16-digit Alipay app id').optional(), storeId: id.optional(), terminalId: id.optional(), operatorId: id.optional() }).default({}),
  scanner: z.object({ source: z.enum(['wedge', 'hid', 'serial']).default('wedge'), path: z.string().min(1).nullable().default(null) }).default({ source: 'wedge', path: null }),
  printer: z.object({ url: z.string().min(1).nullable().default(null), paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80), printOnSuccess: z.boolean().default(true) }).default({ url: null, paperWidthMm: 80, printOnSuccess: true }),
  /** The sealed key files in use, in keys/; absent in settings written before issue 10 (then <name>.sealed). */
  keyFiles: z.object({ privateKey: keyFileName.optional(), alipayPublicKey: keyFileName.optional(), wechatPrivateKey: keyFileName.optional(), wechatPayPublicKey: keyFileName.optional() }).strict().default({}),
  wechat: z.object({ mchId: WECHAT_IDS.mchId.optional(), appId: WECHAT_IDS.appId.optional(), certSerialNo: WECHAT_IDS.certSerialNo.optional(), wechatPayPublicKeyId: WECHAT_IDS.wechatPayPublicKeyId.optional() }).default({}),
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
  /** An absolute path on the till's machine, checked as the config file's would be; null: back to the config file's. */
  shopLogoPath: z.string().trim().min(1).max(1024).refine(isAbsolute, 'an absolute path on the till\'s machine').nullable().optional(),
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
  wechat: z.object({
    mchId: WECHAT_IDS.mchId.unwrap().optional(),
    appId: WECHAT_IDS.appId.unwrap().optional(),
    certSerialNo: WECHAT_IDS.certSerialNo.unwrap().optional(),
    wechatPayPublicKeyId: WECHAT_IDS.wechatPayPublicKeyId.unwrap().optional(),
    privateKeyPem: z.string().min(1).max(10_000).optional(),
    wechatPayPublicKeyPem: z.string().min(1).max(10_000).optional(),
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

/** What a change does to the merchant's identity: shown with fingerprints before it is confirmed (item 3). */
export type Credentials = {
  mode: 'live' | 'training'; appId: string | null; privateKey: string | null; alipayPublicKey: string | null;
  /** WeChat Pay: 商户号 · AppID · 证书序列号 · 公钥ID as one line, and the two keys' fingerprints. */
  wechatIds: string | null; wechatPrivateKey: string | null; wechatPayPublicKey: string | null;
};
const CREDENTIAL_FIELDS = ['mode', 'appId', 'privateKey', 'alipayPublicKey', 'wechatIds', 'wechatPrivateKey', 'wechatPayPublicKey'] as const;
export type CredentialChange = { changed: Array<(typeof CREDENTIAL_FIELDS)[number]>; before: Credentials; after: Credentials };

export type SettingsPlan = {
  next: StoredSettings;
  /** Sealed already while planning, so a key store that cannot seal refuses before anything is asked or written. */
  newKeys: Array<{ name: SealedKeyName; sealed: Buffer; file: string }>;
  /** The configuration the till would open with. */
  config: ResolvedConfig;
  credentials: CredentialChange;
};

export type Commit = { rollback(): void; finish(): void };

/**
 * SHA-256 of the public key's DER (SPKI) — the same for the app private key and the app public key
 * uploaded to the Alipay console, so the manager can compare it with what the console shows.
 */
export function keyFingerprint(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('hex').replace(/(.{4})(?!$)/g, '$1 ')}`;
}

const LEGACY_KEY_FILE: Record<SealedKeyName, string> = { privateKey: 'privateKey.sealed', alipayPublicKey: 'alipayPublicKey.sealed', wechatPrivateKey: 'wechatPrivateKey.sealed', wechatPayPublicKey: 'wechatPayPublicKey.sealed' };
const SealedKeyNames = SealedKeyName.options;
const KEY_FILE = /^(privateKey|alipayPublicKey|wechatPrivateKey|wechatPayPublicKey)(\.[0-9a-f]{16}\.[0-9a-f]{8})?\.sealed$/;

const WECHAT_NEEDS = [['mchId', '商户号'], ['appId', 'AppID'], ['certSerialNo', '证书序列号'], ['wechatPayPublicKeyId', '微信支付公钥ID']] as const;

/** Live WeChat Pay from the screen needs every id and both keys, or none of them: half a merchant would fail at the first sale. */
function checkWechatComplete(s: StoredSettings, keyOf: (name: SealedKeyName) => string | undefined): void {
  const w = s.wechat;
  const any = WECHAT_NEEDS.some(([k]) => w[k] !== undefined) || keyOf('wechatPrivateKey') !== undefined || keyOf('wechatPayPublicKey') !== undefined;
  if (!any) return;
  const missing: Array<[string, string]> = WECHAT_NEEDS.filter(([k]) => w[k] === undefined).map(([k, zh]) => [`wechat.${k}`, zh]);
  if (keyOf('wechatPrivateKey') === undefined) missing.push(['the merchant API private key', '商户API私钥']);
  if (keyOf('wechatPayPublicKey') === undefined) missing.push(['the WeChat Pay public key', '微信支付公钥']);
  if (missing.length) {
    throw new PosError('INVALID_CONFIG', `live WeChat Pay needs ${missing.map((m) => m[0]).join(', ')}`, { detailZh: `微信支付正式环境还缺少：${missing.map((m) => m[1]).join('、')}` });
  }
}

export class SettingsStore {
  readonly #dir: string;
  readonly #box: SecretBox;

  constructor(dataDir: string, box: SecretBox) {
    this.#dir = dataDir;
    this.#box = box;
  }

  get dataDir(): string {
    return this.#dir;
  }

  get #file(): string {
    return join(this.#dir, 'settings.json');
  }

  get #keysDir(): string {
    return join(this.#dir, 'keys');
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

  /** Checks a patch against the current settings and `config`; writes nothing. */
  plan(patch: SettingsPatch, config: ResolvedConfig): SettingsPlan {
    const p = SettingsPatchSchema.parse(patch);
    // Refused here, before anything is written, with the file and the reason (zh/en).
    if (typeof p.shopLogoPath === 'string') loadShopLogo(p.shopLogoPath, SETTINGS_LOGO);
    const privateKey = p.alipay?.privateKeyPem === undefined ? undefined : normalisePrivateKey(p.alipay.privateKeyPem, 'the imported private key');
    const publicKey = p.alipay?.alipayPublicKeyPem === undefined ? undefined : normalisePublicKey(p.alipay.alipayPublicKeyPem, 'the imported Alipay public key');
    const wechatPrivateKey = p.wechat?.privateKeyPem === undefined ? undefined : normalisePrivateKey(p.wechat.privateKeyPem, 'the imported WeChat Pay merchant private key');
    const wechatPublicKey = p.wechat?.wechatPayPublicKeyPem === undefined ? undefined : normalisePublicKey(p.wechat.wechatPayPublicKeyPem, 'the imported WeChat Pay public key');
    const current = this.read();
    const { privateKeyPem: _a, alipayPublicKeyPem: _b, ...alipayIds } = p.alipay ?? {};
    const { privateKeyPem: _c, wechatPayPublicKeyPem: _d, ...wechatIds } = p.wechat ?? {};
    const newKeys: SettingsPlan['newKeys'] = [];
    const keyFiles = { ...current.keyFiles };
    for (const [name, pem] of [['privateKey', privateKey], ['alipayPublicKey', publicKey], ['wechatPrivateKey', wechatPrivateKey], ['wechatPayPublicKey', wechatPublicKey]] as const) {
      if (pem === undefined) continue;
      const file = `${name}.${createHash('sha256').update(pem).digest('hex').slice(0, 16)}.${randomBytes(4).toString('hex')}.sealed`;
      newKeys.push({ name, sealed: this.#box.seal(pem), file });
      keyFiles[name] = file;
    }
    const { shopLogoPath: _logo, ...kept } = current;
    const next = StoredSettingsSchema.parse({
      ...(p.shopLogoPath === null ? kept : current),
      ...(typeof p.shopLogoPath === 'string' ? { shopLogoPath: p.shopLogoPath } : {}),
      ...(p.shopName !== undefined ? { shopName: p.shopName } : {}),
      ...(p.language !== undefined ? { language: p.language } : {}),
      ...(p.training !== undefined ? { training: p.training } : {}),
      alipay: { ...current.alipay, ...alipayIds },
      wechat: { ...current.wechat, ...wechatIds },
      scanner: { ...current.scanner, ...p.scanner },
      printer: { ...current.printer, ...p.printer },
      keyFiles,
    });
    const imported: Record<SealedKeyName, string | undefined> = { privateKey, alipayPublicKey: publicKey, wechatPrivateKey, wechatPayPublicKey: wechatPublicKey };
    const keyOf = (name: SealedKeyName) => imported[name] ?? this.key(name, current);
    if (next.training === false && (!next.alipay.appId || !keyOf('privateKey') || !keyOf('alipayPublicKey'))) {
      throw new PosError('INVALID_CONFIG', 'live mode needs the app id, the app private key and the Alipay public key');
    }
    if (next.training === false) checkWechatComplete(next, keyOf);
    const nextConfig = this.#applyTo(config, next, keyOf);
    const before = this.#credentials(this.apply(config), current, (name) => this.key(name, current));
    const after = this.#credentials(nextConfig, next, keyOf);
    const changed = CREDENTIAL_FIELDS.filter((k) => before[k] !== after[k]);
    return { next, newKeys, config: nextConfig, credentials: { changed: [...changed], before, after } };
  }

  #credentials(config: ResolvedConfig, s: StoredSettings, keyOf: (name: SealedKeyName) => string | undefined): Credentials {
    const live = config.mode === 'live';
    const fp = (pem: string | undefined) => (pem === undefined ? null : keyFingerprint(pem));
    const privateKeyPem = keyOf('privateKey');
    const alipayPublicKeyPem = keyOf('alipayPublicKey');
    const w = s.wechat;
    const ids = [w.mchId ?? config.wechat?.mchId, w.appId ?? config.wechat?.appId, w.certSerialNo ?? config.wechat?.certSerialNo, w.wechatPayPublicKeyId ?? config.wechat?.wechatPayPublicKeyId];
    return {
      wechatIds: ids.some((x) => x !== undefined) ? ids.map((x) => x ?? '—').join(' · ') : null,
      wechatPrivateKey: fp(keyOf('wechatPrivateKey')),
      wechatPayPublicKey: fp(keyOf('wechatPayPublicKey')),
      mode: config.mode,
      appId: live ? config.alipay.appId : null,
      privateKey: live ? fp(config.alipay.privateKeyPem ?? privateKeyPem) : fp(privateKeyPem),
      alipayPublicKey: live ? fp(config.alipay.alipayPublicKeyPem ?? alipayPublicKeyPem) : fp(alipayPublicKeyPem),
    };
  }

  /** Writes a plan: key files first, then settings.json by an atomic rename (the commit point). */
  commit(plan: SettingsPlan): Commit {
    const previous = existsSync(this.#file) ? readFileSync(this.#file) : undefined;
    for (const k of plan.newKeys) writeFileAtomic(join(this.#keysDir, k.file), k.sealed);
    writeFileAtomic(this.#file, `${JSON.stringify(plan.next, null, 2)}\n`);
    return {
      rollback: () => {
        if (previous) writeFileAtomic(this.#file, previous);
        else rmSync(this.#file, { force: true });
        for (const k of plan.newKeys) rmSync(join(this.#keysDir, k.file), { force: true });
      },
      finish: () => this.#removeUnusedKeys(),
    };
  }

  /** Plans and commits in one step, for callers with nothing to check in between (the CLI, tests). */
  write(patch: SettingsPatch, config?: ResolvedConfig): StoredSettings {
    const plan = this.plan(patch, config ?? parseConfig({ dataDir: this.#dir }, this.#dir, 'the default configuration'));
    this.commit(plan).finish();
    return plan.next;
  }

  #removeUnusedKeys(): void {
    if (!existsSync(this.#keysDir)) return;
    const s = this.read();
    const used = new Set(SealedKeyNames.map((name) => s.keyFiles[name] ?? LEGACY_KEY_FILE[name]));
    for (const f of readdirSync(this.#keysDir)) if (KEY_FILE.test(f) && !used.has(f)) rmSync(join(this.#keysDir, f), { force: true });
  }

  key(name: SealedKeyName, settings: StoredSettings = this.read()): string | undefined {
    const file = join(this.#keysDir, settings.keyFiles[name] ?? LEGACY_KEY_FILE[name]);
    return existsSync(file) ? this.#box.open(readFileSync(file)) : undefined;
  }

  /** The configuration with the screen's settings laid over it. */
  apply(config: ResolvedConfig): ResolvedConfig {
    const s = this.read();
    return this.#applyTo(config, s, (name) => this.key(name, s));
  }

  #applyTo(config: ResolvedConfig, s: StoredSettings, keyOf: (name: SealedKeyName) => string | undefined): ResolvedConfig {
    const privateKeyPem = keyOf('privateKey');
    const alipayPublicKeyPem = keyOf('alipayPublicKey');
    const live = s.training === false && s.alipay.appId !== undefined && privateKeyPem !== undefined && alipayPublicKeyPem !== undefined;
    // Issue 10 item 5: live from the settings screen is Alipay's gateway, or the one the
    // configuration file names — never the in-process training gateway under a LIVE label.
    const gateway = config.alipay.gateway ?? LIVE_GATEWAY;
    if (live) checkLiveGateway(gateway, 'the gateway for live mode');
    return {
      ...config,
      shopName: s.shopName ?? config.shopName,
      subject: s.shopName ?? config.subject,
      shopLogoPath: s.shopLogoPath ?? config.shopLogoPath,
      mode: live ? 'live' : config.mode,
      alipay: {
        ...config.alipay,
        ...(live ? { appId: s.alipay.appId!, privateKeyPem, alipayPublicKeyPem, gateway } : {}),
        storeId: s.alipay.storeId ?? config.alipay.storeId,
        terminalId: s.alipay.terminalId ?? config.alipay.terminalId,
        operatorId: s.alipay.operatorId ?? config.alipay.operatorId,
      },
      ...(live && s.wechat.mchId !== undefined ? { wechat: this.#liveWechat(config, s, keyOf) } : {}),
    };
  }

  /** WeChat Pay as the screen set it (checked complete by plan); the imported keys win over the file's paths. */
  #liveWechat(config: ResolvedConfig, s: StoredSettings, keyOf: (name: SealedKeyName) => string | undefined): NonNullable<ResolvedConfig['wechat']> {
    const w = config.wechat;
    const baseUrl = (w?.mchId !== undefined ? w.baseUrl : undefined) ?? LIVE_WECHAT_BASE_URL;
    checkLiveGateway(baseUrl, 'the WeChat Pay gateway for live mode');
    return {
      mchId: s.wechat.mchId, appId: s.wechat.appId ?? w?.appId, baseUrl,
      privateKeyPath: w?.privateKeyPath, certSerialNo: s.wechat.certSerialNo ?? w?.certSerialNo,
      wechatPayPublicKeyPath: w?.wechatPayPublicKeyPath, wechatPayPublicKeyId: s.wechat.wechatPayPublicKeyId ?? w?.wechatPayPublicKeyId,
      privateKeyPem: keyOf('wechatPrivateKey'), wechatPayPublicKeyPem: keyOf('wechatPayPublicKey'),
      subMchId: w?.subMchId, subAppId: w?.subAppId, storeId: w?.storeId, deviceId: w?.deviceId,
    };
  }

  view(config: ResolvedConfig): SettingsView {
    const s = this.read();
    return {
      mode: config.mode,
      shopName: s.shopName ?? config.shopName,
      shopLogo: { path: s.shopLogoPath ?? config.shopLogoPath ?? null, from: s.shopLogoPath !== undefined ? 'settings' : config.shopLogoPath !== undefined ? 'config' : null },
      language: s.language,
      alipay: {
        appId: s.alipay.appId ?? (config.mode === 'live' ? config.alipay.appId : null),
        hasPrivateKey: this.key('privateKey', s) !== undefined || config.alipay.privateKeyPath !== undefined,
        hasAlipayPublicKey: this.key('alipayPublicKey', s) !== undefined || config.alipay.alipayPublicKeyPath !== undefined,
        storeId: s.alipay.storeId ?? config.alipay.storeId ?? null,
        terminalId: s.alipay.terminalId ?? config.alipay.terminalId ?? null,
        operatorId: s.alipay.operatorId ?? config.alipay.operatorId ?? null,
      },
      scanner: s.scanner,
      printer: s.printer,
      promotions: promotionViews(config.promotions ?? []),
      wechat: {
        mchId: s.wechat.mchId ?? config.wechat?.mchId ?? null,
        appId: s.wechat.appId ?? config.wechat?.appId ?? null,
        certSerialNo: s.wechat.certSerialNo ?? config.wechat?.certSerialNo ?? null,
        wechatPayPublicKeyId: s.wechat.wechatPayPublicKeyId ?? config.wechat?.wechatPayPublicKeyId ?? null,
        hasPrivateKey: this.key('wechatPrivateKey', s) !== undefined || config.wechat?.privateKeyPath !== undefined,
        hasWechatPayPublicKey: this.key('wechatPayPublicKey', s) !== undefined || config.wechat?.wechatPayPublicKeyPath !== undefined,
      },
      certMode: config.alipay.signMode === 'cert',
    };
  }
}
