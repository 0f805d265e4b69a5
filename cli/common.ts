// What every `pos` command shares: --config/--json, opening the till, and turning outcomes and
// refusals into output and exit codes (0 SUCCESS, 1 FAILED/CANCELLED, 2 refused, 3 UNKNOWN).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PosError, type ErrorData } from '../app/common/errors.ts';
import { loadConfig } from '../app/config/config.ts';
import type { PaymentResult } from '../app/checkout/PaymentResult.ts';
import type { Provider } from '../app/common/codes.ts';
import { openTill, type Till } from '../app/till.ts';
import type { CliIO } from './io.ts';

export const EXIT = { SUCCESS: 0, FAILED: 1, CANCELLED: 1, REFUSED: 2, UNKNOWN: 3 } as const;

export const COMMON_OPTIONS = {
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals, tokens: true });
  } catch (e) {
    throw new PosError('INVALID_ARGUMENT', (e as Error).message);
  }
  // parseArgs keeps the last of a repeated option: `--amount 1.00 --amount 5.00` would charge 5.00
  // without a word (issue 8 item 9). A repeated option is refused instead.
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option') continue;
    if (seen.has(t.name)) throw new PosError('INVALID_ARGUMENT', `--${t.name} is given more than once; give it once`, { detailZh: `参数 --${t.name} 重复出现，请只给一次` });
    seen.add(t.name);
  }
  const { tokens: _tokens, ...rest } = parsed;
  return rest;
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new PosError('INVALID_ARGUMENT', `${flag} is required`);
  return value;
}

export function errorOf(e: unknown): ErrorData {
  if (e instanceof PosError) return e.toData();
  throw e;
}

/** Prints a refusal (bad input or config: nothing was sent) and returns exit code 2. */
export function refuse(io: CliIO, json: boolean, e: unknown): number {
  const error = errorOf(e);
  // Status FAILED (nothing was or will be charged) with `refused`; exit code 2 tells it apart.
  if (json) io.out(`${JSON.stringify({ status: 'FAILED', refused: true, error })}\n`);
  else io.err(`refused: ${error.message}\n        ${error.messageZh}\n`);
  return EXIT.REFUSED;
}

/** Runs `fn` with an open till; refusals (PosError) before or during become exit 2. */
export async function withTill(io: CliIO, values: { config?: string | undefined; json?: boolean | undefined }, fn: (till: Till) => Promise<number>, onChange?: (r: PaymentResult) => void): Promise<number> {
  let till: Till | undefined;
  try {
    till = await openTill(loadConfig(values.config), onChange ? { onChange } : {});
    return await fn(till);
  } catch (e) {
    return refuse(io, values.json ?? false, e);
  } finally {
    await till?.close();
  }
}

const PROVIDER_NAMES: Record<Provider, readonly [en: string, zh: string]> = { alipay: ['Alipay', '支付宝'], wechat: ['WeChat Pay', '微信支付'], unionpay: ['UnionPay', '银联'] };

/**
 * Training is the whole till's (neither an Alipay app nor a WeChat merchant configured); the banner
 * names the provider this command deals with, or both when it deals with either (TRY item 17).
 */
export function trainingBanner(io: CliIO, till: Till, json: boolean, provider?: Provider): void {
  if (!till.training || json) return;
  const [en, zh] = provider ? PROVIDER_NAMES[provider] : ['Alipay and WeChat Pay', '支付宝和微信支付'];
  io.err(`TRAINING MODE 培训模式 — ${en} ${provider ? 'goes to its training gateway' : 'go to training gateways'}, no real money moves (no Alipay app or WeChat Pay merchant configured) ${zh}为培训网关，不涉及真实资金\n`);
}
