// Every IPC argument is `unknown` until its schema accepts it (design.md: main validates every
// argument). Amounts and codes stay strings here; Checkout parses them with the money and code rules.
import { z } from 'zod';
import type { Channel, Req } from '../common/ipc/contract.ts';
import { PIN_PATTERN } from '../settings/ManagerPin.ts';
import { SettingsPatchSchema } from '../settings/SettingsStore.ts';

const empty = z.object({}).strict();
const outTradeNo = z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'an out_trade_no of letters, digits and _');
/** A screen's id (renderer/sale/screenId.ts): per tab or window, kept across a reload. */
const screenId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a screen id of letters, digits and -');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-22');

export const REQUEST_SCHEMAS: { [K in Channel]: z.ZodType<Req<K>> } = {
  'pos:till:info': empty,
  'pos:payment:start': z.object({ amount: z.string().max(32), code: z.string().max(64), subject: z.string().max(128).optional(), screenId: screenId.optional(), undiscountable: z.string().max(32).optional() }).strict(),
  'pos:payment:qr': z.object({ amount: z.string().max(32), provider: z.enum(['alipay', 'wechat']).optional(), subject: z.string().max(128).optional(), screenId: screenId.optional(), undiscountable: z.string().max(32).optional() }).strict(),
  'pos:payment:cancel': z.object({ outTradeNo: outTradeNo.optional(), screenId: screenId.optional() }).strict(),
  'pos:payment:current': z.object({ screenId: screenId.optional() }).strict(),
  'pos:payment:query': z.object({ outTradeNo }).strict(),
  'pos:payment:active': empty,
  'pos:payment:resolve': empty,
  'pos:payment:list': z.object({ day: day.optional(), search: z.string().max(32).optional() }).strict(),
  'pos:payment:detail': z.object({ outTradeNo }).strict(),
  'pos:refund:start': z.object({ outTradeNo, amount: z.string().max(32), reason: z.string().trim().min(1).max(80).optional(), managerPin: z.string().regex(/^\d{4,12}$/, '4 to 12 digits').optional() }).strict(),
  'pos:report:day': z.object({ day: day.optional() }).strict(),
  'pos:settings:get': empty,
  'pos:settings:set': SettingsPatchSchema.extend({ managerPin: z.string().regex(PIN_PATTERN, 'a PIN of 4 to 12 digits').optional() }).strict(),
  'pos:report:shift': empty,
  'pos:report:close': empty,
  'pos:report:print': z.object({ kind: z.literal('X') }).strict(),
  'pos:receipt:preview': z.union([z.object({ outTradeNo, outRequestNo: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).optional() }).strict(), z.object({ report: z.literal('X') }).strict()]),
  'pos:till:status': empty,
  'pos:receipt:print': z.object({ outTradeNo, outRequestNo: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).optional() }).strict(),
  'pos:sync:status': empty,
  'pos:reconcile:day': z.object({ day: day.optional(), provider: z.enum(['alipay', 'wechat']).optional() }).strict(),
  // The id's rule is checked by the core (checkCashierId): its refusal says it in both languages.
  'pos:cashier:current': empty,
  'pos:cashier:signIn': z.object({ id: z.string().max(64) }).strict(),
  'pos:cashier:signOut': empty,
};
