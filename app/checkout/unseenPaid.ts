// A SUCCESS nobody handed to the cashier (issue 8 item 4, field-notes.md item 18): a crash while the
// buyer confirmed, then a recovery pass or another process found it paid. The customer at the
// counter may be the one whose sale went through, so the next sale (barcode or QR) is not charged
// until the cashier has been told. The process that takes a payment notes 'delivered' when it hands
// the SUCCESS over; the cashier's being told is noted 'acknowledged'. Neither changes a state.
import { PosError } from '../common/errors.ts';
import { fenToYuan } from '../common/money.ts';
import type { AttemptRecord, JournalStore } from '../journal/JournalStore.ts';

/** How long after it was settled an undelivered SUCCESS stops the next sale (a crash, then a re-scan). */
export const UNSEEN_PAID_WINDOW_MS = 30 * 60_000;

/**
 * 'refuse': every sale is refused until told 'go-on' (`pos pay --after-recovered`);
 * 'refuse-once' (the screen): the refusal is the question, the next scan is the answer.
 */
export type UnseenPaidMode = 'refuse' | 'refuse-once' | 'go-on';

export function noteDelivered(journal: JournalStore, a: AttemptRecord, nowMs: number): void {
  try {
    journal.note(a.outTradeNo, 'delivered', nowMs);
  } catch {
    // Not recorded: the next sale asks about it once more, the safe side.
  }
}

export function stopIfUnseenPaid(journal: JournalStore, nowMs: number, training: boolean, mode: UnseenPaidMode): void {
  const unseen = journal.unseenPaid(nowMs - UNSEEN_PAID_WINDOW_MS, training);
  if (unseen.length === 0) return;
  if (mode !== 'refuse') for (const u of unseen) journal.note(u.outTradeNo, 'acknowledged', nowMs, { by: mode });
  if (mode === 'go-on') return;
  const list = unseen.map((u) => `${u.outTradeNo} (¥${fenToYuan(u.amountFen)})`).join(', ');
  const again = mode === 'refuse' ? ['run again with --after-recovered', '加 --after-recovered 再次执行'] : ['scan again to charge this customer', '请重新扫码收款'];
  throw new PosError('RECOVERED_PAID', `payment ${list} was found PAID after an interruption and was never shown; this code was not charged — if that was this customer's sale, do not charge again; otherwise ${again[0]}`, {
    detailZh: `支付 ${list} 在中断后确认已收款（此前未显示）；本次未扣款——如该笔就是这位顾客的消费，请勿重复收款；否则${again[1]}`,
    details: { recovered: unseen.map((u) => ({ outTradeNo: u.outTradeNo, amount: fenToYuan(u.amountFen), amountFen: u.amountFen, tradeNo: u.tradeNo })) },
  });
}
