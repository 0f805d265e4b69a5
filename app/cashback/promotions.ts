// Promotions in the till's config: "满 50 返 2" cash red packets to the payer. Checked when the
// config is read, with the promotion's id and the field in every message (zh and en), so a typo
// ("20.00" for "2.00", a budget below one packet, dates the wrong way round) never reaches a payer.
import { z } from 'zod';
import { PosError } from '../common/errors.ts';
import type { PromotionView } from '../common/cashback.ts';
import { fenToYuan, parseYuan, type Fen } from '../common/money.ts';
import { isDay, shanghaiDateTime } from '../common/time.ts';

/** A till-side ceiling per packet: Alipay allows far more (STD_RED_PACKET up to 1e8), a shop's offer does not need it. */
export const MAX_PACKET_FEN = 200_00;
export const MAX_DAILY_BUDGET_FEN = 100_000_00;

export const PromotionSchema = z.object({
  id: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, '1–32 letters, digits, _ or -'),
  minSpend: z.string(),
  amount: z.string(),
  dailyBudget: z.string(),
  /** Shown in the payer's Alipay bill (order_title). */
  title: z.string().trim().min(1).max(32),
  /** "2026-03-01" (a Shanghai day, from its start) or an ISO date-time with offset. */
  from: z.string().optional(),
  /** "2026-03-31" (through the end of that Shanghai day) or an ISO date-time with offset. */
  until: z.string().optional(),
}).strict();

export const PromotionsSchema = z.array(PromotionSchema).max(20);

export type PromotionConfig = z.infer<typeof PromotionSchema>;

export type Promotion = {
  id: string;
  minSpendFen: Fen;
  amountFen: Fen;
  dailyBudgetFen: Fen;
  title: string;
  /** Inclusive start, ms; undefined = always. */
  fromMs: number | undefined;
  /** Exclusive end, ms; undefined = never ends. */
  untilMs: number | undefined;
};

const DAY_MS = 86_400_000;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function fail(where: string, en: string, zh: string): PosError {
  return new PosError('INVALID_CONFIG', `${where}: ${en}`, { detailZh: `${where}：${zh}` });
}

function money(where: string, text: string): Fen {
  try {
    return parseYuan(text);
  } catch (e) {
    const p = e as PosError;
    throw fail(where, p.message, p.toData().messageZh);
  }
}

function instant(where: string, text: string, edge: 'from' | 'until'): number {
  if (isDay(text)) return Date.parse(`${text}T00:00:00+08:00`) + (edge === 'until' ? DAY_MS : 0);
  if (DATE_TIME.test(text) && Number.isFinite(Date.parse(text))) return Date.parse(text);
  throw fail(where, `"${text}" is not a date like 2026-03-01 or a date-time like 2026-03-01T09:00:00+08:00`, `“${text}”不是形如 2026-03-01 的日期或 2026-03-01T09:00:00+08:00 的时间`);
}

/** Validates the `promotions` section; `source` names the config file. */
export function parsePromotions(raw: PromotionConfig[], source = 'promotions'): Promotion[] {
  const seen = new Set<string>();
  return raw.map((p, i) => {
    const at = (field: string) => `${source}[${i}] (${p.id}).${field}`;
    if (seen.has(p.id)) throw fail(at('id'), `the id "${p.id}" is used twice`, `编号“${p.id}”重复`);
    seen.add(p.id);
    const minSpendFen = money(at('minSpend'), p.minSpend);
    const amountFen = money(at('amount'), p.amount);
    const dailyBudgetFen = money(at('dailyBudget'), p.dailyBudget);
    if (amountFen > MAX_PACKET_FEN) throw fail(at('amount'), `¥${p.amount} is more than the till allows per red packet (¥200.00)`, `红包金额 ¥${p.amount} 超过单个红包上限 ¥200.00`);
    if (amountFen >= minSpendFen) throw fail(at('amount'), `the red packet (¥${p.amount}) must be less than the spend that earns it (¥${p.minSpend})`, `红包金额（¥${p.amount}）必须小于满额条件（¥${p.minSpend}）`);
    if (dailyBudgetFen < amountFen) throw fail(at('dailyBudget'), `the daily budget (¥${p.dailyBudget}) is less than one red packet (¥${p.amount})`, `每日预算（¥${p.dailyBudget}）少于一个红包（¥${p.amount}）`);
    if (dailyBudgetFen > MAX_DAILY_BUDGET_FEN) throw fail(at('dailyBudget'), `¥${p.dailyBudget} is above the till's daily ceiling (¥100000.00)`, `每日预算 ¥${p.dailyBudget} 超过上限 ¥100000.00`);
    const fromMs = p.from === undefined ? undefined : instant(at('from'), p.from, 'from');
    const untilMs = p.until === undefined ? undefined : instant(at('until'), p.until, 'until');
    if (fromMs !== undefined && untilMs !== undefined && untilMs <= fromMs) {
      throw fail(at('until'), `ends (${p.until}) before it starts (${p.from})`, `结束时间（${p.until}）早于开始时间（${p.from}）`);
    }
    return { id: p.id, minSpendFen, amountFen, dailyBudgetFen, title: p.title, fromMs, untilMs };
  });
}

/** For the settings screen: yuan strings and Shanghai days (until shown inclusive). */
export function promotionViews(ps: readonly Promotion[]): PromotionView[] {
  return ps.map((p) => ({
    id: p.id,
    title: p.title,
    minSpend: fenToYuan(p.minSpendFen),
    amount: fenToYuan(p.amountFen),
    dailyBudget: fenToYuan(p.dailyBudgetFen),
    from: p.fromMs === undefined ? null : shanghaiDateTime(p.fromMs),
    until: p.untilMs === undefined ? null : shanghaiDateTime(p.untilMs - 1000),
  }));
}
