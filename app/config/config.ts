// The till's configuration file (JSON). Every field is checked with zod and a bad file is refused
// with the path and the reason; relative paths are read relative to the file itself.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { PosError } from '../common/errors.ts';
import { parsePromotions, PromotionsSchema, type Promotion } from '../cashback/promotions.ts';
import { signModeOf, type SignMode } from './alipaySigning.ts';
import { HqSectionSchema, resolveTillAndHq, TillSectionSchema, type HqConfig } from '../hq/hqConfig.ts';
import { WechatSectionSchema, resolveWechat, type WechatConfig } from './wechatConfig.ts';

const nonEmpty = z.string().trim().min(1);
const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

export const ConfigSchema = z.object({
  dataDir: nonEmpty.optional(),
  /** `logoPath`: a PNG or JPEG for the customer display (app/config/shopLogo.ts checks it when the till opens). */
  shop: z.object({ name: nonEmpty.max(64).optional(), subject: nonEmpty.max(128).optional(), logoPath: nonEmpty.max(1024).optional() }).strict().optional(),
  alipay: z.object({
    appId: z.string().trim().regex(/^\d{16}$/, 'a 16-digit Alipay app id').optional(),
    gateway: z.url({ protocol: /^https?$/ }).optional(),
    privateKeyPath: nonEmpty.optional(),
    alipayPublicKeyPath: nonEmpty.optional(),
    /** Certificate mode (公钥证书): all three, instead of alipayPublicKeyPath (alipaySigning.ts). */
    appCertPath: nonEmpty.optional(),
    alipayPublicCertPath: nonEmpty.optional(),
    alipayRootCertPath: nonEmpty.optional(),
    appAuthToken: nonEmpty.max(128).optional(),
    storeId: id.optional(),
    terminalId: id.optional(),
    operatorId: id.optional(),
  }).strict().optional(),
  wechat: WechatSectionSchema.optional(),
  payment: z.object({
    waitSeconds: z.number().int().min(5).max(300).optional(),
    requestTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    pollIntervalMs: z.number().int().min(200).max(10_000).optional(),
    /** How long a process's claim on a payment lasts unrenewed (issue 8 item 3); renewed every third of it. */
    leaseMs: z.number().int().min(500).max(300_000).optional(),
    /** How long the QR code of a sale the customer scans may be paid (issue 11); default 120. */
    qrTimeoutSeconds: z.number().int().min(3).max(1800).optional(),
  }).strict().optional(),
  till: TillSectionSchema.optional(),
  hq: HqSectionSchema.optional(),
  /** Cash red packets to the payer (issue 14, app/cashback/promotions.ts). */
  promotions: PromotionsSchema.optional(),
  /**
   * Who may take payments (issue 12): `ask` — the screen asks for a cashier at shift start (after
   * each Z) and the core takes no payment without one; `list` — the shop's cashiers (only these ids
   * are accepted, the screen offers them; implies ask). Absent: no prompt, free entry with F12.
   */
  cashiers: z.object({
    ask: z.boolean().optional(),
    list: z.array(z.object({ id: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,28}$/, '1–28 letters, digits, _ . -'), name: nonEmpty.max(32).optional() }).strict()).max(500).optional(),
  }).strict().optional(),
  /** The cashier's screen (issue 9 items 1 and 10). */
  screen: z.object({
    /** Keys are ignored this long after a result appears (a scanner's CR+LF, a habitual Enter). */
    resultGuardMs: z.number().int().min(0).max(5000).optional(),
    /** Amounts from this much (yuan, "1000.00") ask for a second Enter; null turns it off. */
    confirmAboveYuan: z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'yuan like "1000.00"').nullable().optional(),
  }).strict().optional(),
}).strict();

export type TillConfig = z.infer<typeof ConfigSchema>;

export type ResolvedConfig = {
  dataDir: string;
  shopName: string;
  subject: string;
  /** The shop's logo file (shop.logoPath, absolute); optional so configs built in code need not name it. */
  shopLogoPath?: string | undefined;
  mode: 'live' | 'training';
  alipay: {
    appId: string;
    /** Training: undefined means "start the training gateway inside this process". */
    gateway: string | undefined;
    privateKeyPath: string | undefined;
    alipayPublicKeyPath: string | undefined;
    /** Keys imported on the settings screen (sealed in the data folder); they win over the paths. */
    privateKeyPem?: string | undefined;
    alipayPublicKeyPem?: string | undefined;
    /** 'cert': the three certificate files below sign and verify (optional: configs built in code are key mode). */
    signMode?: SignMode;
    appCertPath?: string | undefined;
    alipayPublicCertPath?: string | undefined;
    alipayRootCertPath?: string | undefined;
    appAuthToken: string | undefined;
    storeId: string | undefined;
    terminalId: string | undefined;
    operatorId: string | undefined;
  };
  payment: { waitSeconds: number | undefined; requestTimeoutMs: number | undefined; pollIntervalMs: number | undefined; leaseMs?: number | undefined; qrTimeoutSeconds?: number | undefined };
  /** WeChat Pay (issue 15); optional so configs built in code need not name it (parseConfig fills it). */
  wechat?: WechatConfig;
  /** The cashier's screen's rules; optional so configs built in code need not name it (parseConfig fills it). */
  screen?: { resultGuardMs: number; confirmAboveFen: number | null };
  /** This till's identity in a chain (issue 13); both undefined for a single shop. */
  till: { id: string | undefined; storeId: string | undefined };
  /** Head office (PostgreSQL); undefined: no sync. */
  hq: HqConfig | undefined;
  /** Cash red packets (issue 14); absent or empty: none are sent. */
  promotions?: Promotion[];
  /** Cashier sign-in (issue 12); optional so configs built in code need not name it (parseConfig fills it). */
  cashiers?: CashiersConfig;
};

export type CashiersConfig = { ask: boolean; list: Array<{ id: string; name: string | null }> };

export const SCREEN_DEFAULTS = { resultGuardMs: 800, confirmAboveYuan: '1000.00' } as const;

function yuanToFen(yuan: string): number {
  const [whole = '0', part = ''] = yuan.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}

export const LIVE_GATEWAY = 'https://openapi.alipay.com/gateway.do';

/**
 * Live payments travel over TLS (issue 10 item 5): plain http:// only to a gateway on this machine
 * (a test gateway, or a local proxy that speaks TLS onwards), never across a network.
 */
export function checkLiveGateway(url: string, what: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new PosError('INVALID_CONFIG', `${what} ${JSON.stringify(url)} is not a URL`);
  }
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol === 'https:' || (u.protocol === 'http:' && loopback)) return;
  throw new PosError('INVALID_CONFIG', `${what} ${url}: a live gateway must be https:// (plain http:// only on 127.0.0.1)`, { detailZh: `${what}：正式环境网关必须使用 https://（http:// 仅限本机 127.0.0.1）` });
}
export const TRAINING_APP_ID = '2021000000000000';

export function parseConfig(raw: unknown, baseDir: string, source = 'the configuration'): ResolvedConfig {
  const r = ConfigSchema.safeParse(raw);
  if (!r.success) {
    const why = r.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new PosError('INVALID_CONFIG', `${source}: ${why}`);
  }
  const c = r.data;
  const a = c.alipay ?? {};
  const at = (p: string | undefined) => (p === undefined ? undefined : resolve(baseDir, p));
  const wechat = resolveWechat(c.wechat, at, source, checkLiveGateway);
  // Live when any provider is: then only the live ones take payments (training and live never mix).
  const live = a.appId !== undefined || wechat.mchId !== undefined;
  const promotions = parsePromotions(c.promotions ?? [], `${source}: promotions`);
  // Key mode or certificate mode, each checked whole (alipaySigning.ts).
  const signMode = signModeOf(a, a.appId !== undefined, source, promotions.length > 0);
  if (a.appId !== undefined) {
    if (a.gateway) checkLiveGateway(a.gateway, `${source}: alipay.gateway`);
  } else if (a.privateKeyPath || a.alipayPublicKeyPath || a.appAuthToken) {
    throw new PosError('INVALID_CONFIG', `${source}: Alipay keys are configured but alipay.appId is missing`);
  }
  const chain = resolveTillAndHq(c.till, c.hq, at, source);
  return {
    dataDir: resolve(baseDir, c.dataDir ?? '.till'),
    shopName: c.shop?.name ?? '收银台',
    subject: c.shop?.subject ?? c.shop?.name ?? '门店消费',
    shopLogoPath: at(c.shop?.logoPath),
    mode: live ? 'live' : 'training',
    alipay: {
      appId: a.appId ?? TRAINING_APP_ID,
      gateway: a.gateway ?? (a.appId !== undefined ? LIVE_GATEWAY : undefined),
      privateKeyPath: at(a.privateKeyPath),
      alipayPublicKeyPath: at(a.alipayPublicKeyPath),
      signMode,
      appCertPath: at(a.appCertPath),
      alipayPublicCertPath: at(a.alipayPublicCertPath),
      alipayRootCertPath: at(a.alipayRootCertPath),
      appAuthToken: a.appAuthToken,
      storeId: a.storeId,
      terminalId: a.terminalId,
      operatorId: a.operatorId,
    },
    payment: { waitSeconds: c.payment?.waitSeconds, requestTimeoutMs: c.payment?.requestTimeoutMs, pollIntervalMs: c.payment?.pollIntervalMs, leaseMs: c.payment?.leaseMs, qrTimeoutSeconds: c.payment?.qrTimeoutSeconds },
    wechat,
    screen: {
      resultGuardMs: c.screen?.resultGuardMs ?? SCREEN_DEFAULTS.resultGuardMs,
      confirmAboveFen: c.screen?.confirmAboveYuan === null ? null : yuanToFen(c.screen?.confirmAboveYuan ?? SCREEN_DEFAULTS.confirmAboveYuan),
    },
    till: chain.till,
    hq: chain.hq,
    promotions,
    cashiers: cashiersOf(c.cashiers, source),
  };
}

function cashiersOf(c: TillConfig['cashiers'], source: string): CashiersConfig {
  const list = (c?.list ?? []).map((x) => ({ id: x.id, name: x.name ?? null }));
  const dup = list.find((x, i) => list.findIndex((y) => y.id === x.id) !== i);
  if (dup) throw new PosError('INVALID_CONFIG', `${source}: cashiers.list names ${dup.id} twice`);
  if (c?.ask === false && list.length > 0) throw new PosError('INVALID_CONFIG', `${source}: cashiers.ask is false but cashiers.list is given (a list means the till asks)`);
  return { ask: c?.ask ?? list.length > 0, list };
}

/** Reads `path`, or with no path ./till.config.json when it exists, else the defaults (training mode). */
export function loadConfig(path: string | undefined, cwd = process.cwd()): ResolvedConfig {
  const file = path !== undefined ? resolve(cwd, path) : resolve(cwd, 'till.config.json');
  if (path === undefined && !existsSync(file)) return parseConfig({}, cwd, 'the default configuration');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PosError('INVALID_CONFIG', `cannot read the configuration file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PosError('INVALID_CONFIG', `${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw, dirname(file), file);
}
