// The till's red-packet desk, as openTill wires it: the sender on its own cert-mode Alipay client
// and its own journal connection, fed by the payment-changed stream. A SUCCESS is handed over on
// the next turn of the event loop, so the paid result reaches the screen (and `pos pay` its
// output) before the packet's journal write; the packet never sits on the payment path.
import type { PaymentResult } from '../checkout/PaymentResult.ts';
import { cashbackLine, type CashbackView } from '../common/cashback.ts';
import { fenToYuan } from '../common/money.ts';
import { readPaidDetail } from '../common/paidAmounts.ts';
import { shanghaiDay } from '../common/time.ts';
import type { Clock } from '../Clock.ts';
import type { AlipayCertContents } from '../gateway/alipayCerts.ts';
import { AlipayClient } from '../gateway/alipayClient.ts';
import { AlipayTransfers } from '../gateway/AlipayTransfers.ts';
import type { AttemptRecord, JournalStore } from '../journal/JournalStore.ts';
import { CashbackSender, type SaleForCashback } from './CashbackSender.ts';
import type { Promotion } from './promotions.ts';
import { matchPromotion } from './rules.ts';
import { TransferJournal, type CashbackReport } from './TransferJournal.ts';

export type CashbackOptions = {
  journalPath: string;
  journal: JournalStore;
  promotions: readonly Promotion[];
  appId: string;
  privateKey: string;
  certs: AlipayCertContents;
  gatewayUrl: string;
  requestTimeoutMs: number;
  appAuthToken?: string | undefined;
  training: boolean;
  clock?: Clock | undefined;
  onChange?: ((v: CashbackView) => void) | undefined;
};

/** gmt_payment / send_pay_date are Beijing time without a zone: "2026-11-22 08:15:03". */
function beijingMs(text: string | null): number | undefined {
  const m = text ? /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text) : null;
  const ms = m ? Date.parse(`${m[1]}T${m[2]}+08:00`) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

/** A paid attempt as the sender needs it. The payee is the paid answer's, as journaled:
 * buyer_open_id (kept in paid_detail) first, as Alipay asks of OpenID apps, else buyer_user_id. */
export function saleForCashback(a: AttemptRecord): SaleForCashback {
  const openId = readPaidDetail(a.paidDetail)?.buyerOpenId ?? null;
  return { outTradeNo: a.outTradeNo, amountFen: a.amountFen, training: a.training, buyerOpenId: openId, buyerUserId: a.buyerUserId, paidAtMs: beijingMs(a.paidAt) ?? a.updatedAt };
}

export class Cashback {
  readonly sender: CashbackSender;
  readonly #transfers: TransferJournal;
  readonly #journal: JournalStore;
  readonly #pending = new Set<Promise<void>>();

  constructor(o: CashbackOptions) {
    const client = new AlipayClient({ appId: o.appId, privateKey: o.privateKey, signing: { mode: 'cert', ...o.certs }, gatewayUrl: o.gatewayUrl, requestTimeoutMs: o.requestTimeoutMs, appAuthToken: o.appAuthToken });
    this.#transfers = new TransferJournal(o.journalPath);
    this.#journal = o.journal;
    this.sender = new CashbackSender({ journal: this.#transfers, port: new AlipayTransfers(client, { training: o.training }), promotions: o.promotions, clock: o.clock, onChange: o.onChange });
  }

  /** For the payment-changed stream: a final SUCCESS of an Alipay payment may earn a packet. */
  onPayment(r: PaymentResult): void {
    if (r.status !== 'SUCCESS' || r.provider !== 'alipay') return;
    const handOver = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const a = this.#journal.getAttempt(r.outTradeNo);
      if (!a || a.state !== 'SUCCESS') return;
      this.sender.afterPayment(saleForCashback(a));
    }).catch(() => undefined).finally(() => this.#pending.delete(handOver));
    this.#pending.add(handOver);
  }

  forSale(outTradeNo: string): CashbackView | undefined {
    return this.sender.forSale(outTradeNo);
  }

  /**
   * The receipt's line for a sale: the packet as journaled, or, when the receipt is printed in the
   * moment before the hand-over journals it, "on its way" for a paid sale that earns one.
   */
  receiptLine(outTradeNo: string): string | undefined {
    const v = this.forSale(outTradeNo);
    if (v) return cashbackLine(v)?.zh;
    const a = this.#journal.getAttempt(outTradeNo);
    if (!a || a.state !== 'SUCCESS' || a.provider !== 'alipay') return undefined;
    const p = matchPromotion(this.sender.promotions, { amountFen: a.amountFen, paidAtMs: beijingMs(a.paidAt) ?? a.updatedAt });
    return p ? cashbackLine({ state: 'PENDING', amount: fenToYuan(p.amountFen) })?.zh : undefined;
  }

  recover(): Promise<CashbackView[]> {
    return this.sender.recover();
  }

  report(day: string = shanghaiDay(Date.now()), training: boolean): CashbackReport {
    return this.#transfers.report(day, training);
  }

  unresolvedCount(): number {
    return this.#transfers.unresolved().length;
  }

  /** Waits for hand-overs and sends this process started (a CLI run ends only after them). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await this.sender.idle();
  }

  async close(): Promise<void> {
    await this.idle();
    this.#transfers.close();
  }
}
