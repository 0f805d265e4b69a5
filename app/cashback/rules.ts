// Which promotion a paid sale earns: the one with the highest spend threshold the sale reaches
// ("满 50 返 2, 满 100 返 5": ¥120 earns the ¥5), among those running at the moment it was paid.
// Ties go to the one listed first. One packet per sale at most.
import type { Promotion } from './promotions.ts';

export type PaidSale = { amountFen: number; paidAtMs: number };

export function isRunning(p: Promotion, atMs: number): boolean {
  return (p.fromMs === undefined || atMs >= p.fromMs) && (p.untilMs === undefined || atMs < p.untilMs);
}

export function matchPromotion(promotions: readonly Promotion[], sale: PaidSale): Promotion | undefined {
  let best: Promotion | undefined;
  for (const p of promotions) {
    if (!isRunning(p, sale.paidAtMs) || sale.amountFen < p.minSpendFen) continue;
    if (!best || p.minSpendFen > best.minSpendFen) best = p;
  }
  return best;
}
