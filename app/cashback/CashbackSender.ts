// Sends a sale's cash red packet, off the payment path (issue 14). Journal first: the packet's
// out_biz_no (derived from the sale, so one sale can never have two) and the daily budget check
// are one transaction, before anything is sent. Then the transfer:
//   sent → SENT · definite refusal (balance, payee, limits, set-up) → REFUSED with the reason, never
//   retried · anything unclear (SYSTEM_ERROR, 20000, a timeout, an answer that cannot be verified)
//   → UNKNOWN → alipay.fund.trans.common.query → not found → resend with identical parameters
//   (same out_biz_no: Alipay pays one out_biz_no once), up to `sendsPerPass` requests per pass.
// What stays UNKNOWN is settled by the recovery pass (start-up, reconciler, `pos recover`).
import type { CashbackReason, CashbackView } from '../common/cashback.ts';
import { fenToYuan, type Fen } from '../common/money.ts';
import { systemClock, type Clock } from '../Clock.ts';
import type { Promotion } from './promotions.ts';
import { matchPromotion } from './rules.ts';
import type { TransferJournal, TransferRecord } from './TransferJournal.ts';
import type { PayeeType, TransferPort, TransferQueryOutcome } from './TransferPort.ts';

export type SaleForCashback = {
  outTradeNo: string;
  amountFen: number;
  training: boolean;
  /** From the paid answer of the same app id that sends the packet (open ids are per app). */
  buyerOpenId?: string | null | undefined;
  buyerUserId?: string | null | undefined;
  paidAtMs: number;
};

export type CashbackSenderOptions = {
  journal: TransferJournal;
  port: TransferPort;
  promotions: readonly Promotion[];
  clock?: Clock;
  /** Transfer requests one pass may make for a packet (the first plus resends after "not found"). */
  sendsPerPass?: number;
  onChange?: (v: CashbackView) => void;
};

export const DEFAULT_SENDS_PER_PASS = 2;

/** The sale's red packet number: stable, so it is the same in every process and after any crash. */
export function outBizNoFor(outTradeNo: string): string {
  return `${outTradeNo}HB`;
}

export function viewOf(r: TransferRecord): CashbackView {
  return {
    outTradeNo: r.outTradeNo,
    outBizNo: r.outBizNo,
    promotionId: r.promotionId,
    title: r.orderTitle,
    amount: fenToYuan(r.amountFen),
    amountFen: r.amountFen,
    state: r.state,
    training: r.training,
    ...(r.errorCode ? { reason: reasonOf(r) } : {}),
  };
}

function reasonOf(r: TransferRecord): CashbackReason {
  try {
    const m = JSON.parse(r.errorMessage ?? '') as { message?: string; messageZh?: string };
    return { code: r.errorCode!, message: m.message ?? r.errorCode!, messageZh: m.messageZh ?? m.message ?? r.errorCode! };
  } catch {
    return { code: r.errorCode!, message: r.errorMessage ?? r.errorCode!, messageZh: r.errorMessage ?? r.errorCode! };
  }
}

const reasonText = (message: string, messageZh: string) => JSON.stringify({ message, messageZh });

export class CashbackSender {
  readonly #journal: TransferJournal;
  readonly #port: TransferPort;
  readonly #promotions: readonly Promotion[];
  readonly #clock: Clock;
  readonly #sendsPerPass: number;
  readonly #onChange: ((v: CashbackView) => void) | undefined;
  /** One settling at a time per packet in this process (a sale's send and a recovery pass). */
  readonly #busy = new Map<string, Promise<TransferRecord>>();
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(o: CashbackSenderOptions) {
    this.#journal = o.journal;
    this.#port = o.port;
    this.#promotions = o.promotions;
    this.#clock = o.clock ?? systemClock;
    this.#sendsPerPass = Math.max(1, o.sendsPerPass ?? DEFAULT_SENDS_PER_PASS);
    this.#onChange = o.onChange;
  }

  get promotions(): readonly Promotion[] {
    return this.#promotions;
  }

  /** The packet of a sale, if it earned one. */
  forSale(outTradeNo: string): CashbackView | undefined {
    const r = this.#journal.forSale(outTradeNo);
    return r && viewOf(r);
  }

  /**
   * Starts the packet for a paid sale and returns at once (the paid result is never delayed):
   * the journaled packet, or undefined when the sale earns none. The send itself runs on.
   */
  afterPayment(sale: SaleForCashback): CashbackView | undefined {
    if (sale.training !== this.#port.training) return undefined;
    const promotion = matchPromotion(this.#promotions, sale);
    if (!promotion) return undefined;
    const payee = payeeOf(sale);
    const { record, created } = this.#journal.claim({
      outBizNo: outBizNoFor(sale.outTradeNo),
      outTradeNo: sale.outTradeNo,
      promotion,
      payeeType: payee?.type ?? 'ALIPAY_USER_ID',
      payeeId: payee?.id ?? '',
      training: sale.training,
      at: this.#clock.now(),
      skip: payee ? undefined : { code: 'CASHBACK_NO_PAYEE', message: 'the paid answer named no buyer (buyer_open_id / buyer_user_id), so there is no one to send the red packet to', messageZh: '支付应答中没有买家标识（buyer_open_id / buyer_user_id），无法发放红包' },
    });
    this.#emit(record);
    if (created && record.state === 'PENDING') this.#track(this.#settle(record.outBizNo));
    return viewOf(record);
  }

  /** Resolves when every send this process started has finished its pass. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** The recovery pass: every packet left PENDING or UNKNOWN (a crash, a lost answer) is settled. */
  async recover(): Promise<CashbackView[]> {
    const out: CashbackView[] = [];
    for (const r of this.#journal.unresolved()) out.push(viewOf(await this.#settle(r.outBizNo)));
    return out;
  }

  #track(p: Promise<unknown>): void {
    const q = p.catch(() => undefined).finally(() => this.#inFlight.delete(q));
    this.#inFlight.add(q);
  }

  #emit(r: TransferRecord): void {
    try {
      this.#onChange?.(viewOf(r));
    } catch {
      // a listener's failure is not the packet's
    }
  }

  #settle(outBizNo: string): Promise<TransferRecord> {
    const running = this.#busy.get(outBizNo);
    if (running) return running;
    const p = this.#pass(outBizNo).finally(() => this.#busy.delete(outBizNo));
    this.#busy.set(outBizNo, p);
    return p;
  }

  async #pass(outBizNo: string): Promise<TransferRecord> {
    let r = this.#journal.get(outBizNo)!;
    let requests = 0;
    // sends 0: the request certainly never left, so no query is needed before the first send.
    let mustQuery = r.sends > 0;
    while (r.state === 'PENDING' || r.state === 'UNKNOWN') {
      if (mustQuery) {
        const q = await this.#port.query(outBizNo);
        const settled = this.#applyQuery(r, q);
        if (settled) return settled;
        if (q.kind !== 'not-found') return this.#journal.get(outBizNo)!; // pending or unclear: the next pass asks again
      }
      if (requests >= this.#sendsPerPass) return r;
      requests += 1;
      r = this.#journal.beginSend(outBizNo, this.#clock.now());
      const o = await this.#port.transfer({ outBizNo, amountFen: r.amountFen as Fen, payeeType: r.payeeType, payeeId: r.payeeId, orderTitle: r.orderTitle });
      const at = this.#clock.now();
      switch (o.kind) {
        case 'sent':
          return this.#done(this.#journal.settle(outBizNo, 'SENT', { orderId: o.orderId ?? null, payFundOrderId: o.payFundOrderId ?? null, sentAt: o.sentAt ?? null }, at));
        case 'refused':
          return this.#done(this.#journal.settle(outBizNo, 'REFUSED', { errorCode: o.subCode || o.code, errorMessage: reasonText(`Alipay refused the red packet: ${o.subCode} ${o.message}`.trim(), `支付宝拒绝发放红包：${o.message || o.subCode}`) }, at));
        case 'unknown':
          r = this.#journal.settle(outBizNo, 'UNKNOWN', { errorCode: 'CASHBACK_UNKNOWN', errorMessage: reasonText(`not confirmed yet: ${o.reason}`, `红包发放结果未确认，正在查询：${o.reason}`) }, at);
          this.#emit(r);
          mustQuery = true;
          break;
      }
    }
    return r;
  }

  #applyQuery(r: TransferRecord, q: TransferQueryOutcome): TransferRecord | undefined {
    const at = this.#clock.now();
    if (q.kind === 'sent') return this.#done(this.#journal.settle(r.outBizNo, 'SENT', { orderId: q.orderId ?? null, payFundOrderId: q.payFundOrderId ?? null, sentAt: q.sentAt ?? null }, at));
    if (q.kind === 'refused') return this.#done(this.#journal.settle(r.outBizNo, 'REFUSED', { errorCode: q.subCode || q.code, errorMessage: reasonText(`Alipay did not send the red packet: ${q.subCode} ${q.message}`.trim(), `支付宝未发放红包：${q.message || q.subCode}`) }, at));
    if (q.kind === 'unknown' || q.kind === 'pending') {
      const why = q.kind === 'pending' ? `Alipay says ${q.status}` : q.reason;
      this.#emit(this.#journal.settle(r.outBizNo, 'UNKNOWN', { errorCode: 'CASHBACK_UNKNOWN', errorMessage: reasonText(`not confirmed yet: ${why}`, `红包发放结果未确认：${why}`) }, at));
    }
    return undefined;
  }

  #done(r: TransferRecord): TransferRecord {
    this.#emit(r);
    return r;
  }
}

function payeeOf(sale: SaleForCashback): { type: PayeeType; id: string } | undefined {
  if (sale.buyerOpenId) return { type: 'ALIPAY_OPEN_ID', id: sale.buyerOpenId };
  if (sale.buyerUserId) return { type: 'ALIPAY_USER_ID', id: sale.buyerUserId };
  return undefined;
}
