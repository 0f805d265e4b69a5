// Checkout: one barcode payment from scanned code to a certain outcome (barcode-pay.md "The flow").
// Journal first, then trade.pay; 10003 → poll; anything unclear → query, then poll; wait limit or
// the cashier's cancel → trade.cancel with retries. Only a verified answer that matches the order
// says SUCCESS; an outcome that cannot be confirmed stays UNKNOWN and is reconciled, never FAILED.
import { classifyCode, providerLabel } from '../common/codes.ts';
import { PosError, type ErrorCode, type ErrorData } from '../common/errors.ts';
import { checkFen, parseYuan, type Fen } from '../common/money.ts';
import { adviceFor } from '../common/payment/declines.ts';
import { canTransition, isFinal, type PaymentEvent } from '../common/payment/machine.ts';
import { systemClock, type Clock } from '../Clock.ts';
import type { Gateway, PaidTrade } from '../gateway/Gateway.ts';
import type { AttemptPatch, AttemptRecord, JournalStore } from '../journal/JournalStore.ts';
import { randomIds, type IdSource } from './ids.ts';
import { resultOf, storableError, type PaymentResult } from './PaymentResult.ts';
import { RefundDesk, type RefundResult } from './RefundDesk.ts';

export type CheckoutOptions = {
  journal: JournalStore;
  gateway: Gateway;
  clock?: Clock;
  ids?: IdSource;
  /** How long the buyer may take to confirm before the till cancels. Default 60 s (Alipay's demo: ~30 s). */
  waitSeconds?: number;
  /** Between the starts of two trade.query calls while waiting: notices a confirmation within a second at ~1 query/s. */
  pollIntervalMs?: number;
  /** trade.cancel tries before the attempt is left UNKNOWN for the reconciler (Alipay's demo: 3 × every 2 s). */
  cancelAttempts?: number;
  cancelRetryDelayMs?: number;
  /** `timeout_express` sent with trade.pay, in minutes. */
  payTimeoutMinutes?: number;
  defaultSubject?: string;
  onChange?: (r: PaymentResult) => void;
};

export type PayInput = { amount: string | number; code: string; subject?: string | undefined };

export const DEFAULTS = { waitSeconds: 60, pollIntervalMs: 900, cancelAttempts: 4, cancelRetryDelayMs: 2000, payTimeoutMinutes: 5 } as const;

function errorData(code: ErrorCode, message: string, messageZh: string, details?: Record<string, unknown>): ErrorData {
  return { code, message, messageZh, ...(details ? { details } : {}) };
}

function paidPatch(t: PaidTrade): AttemptPatch {
  return { tradeNo: t.tradeNo, buyerLogonId: t.buyerLogonId ?? null, buyerUserId: t.buyerUserId ?? null, paidAt: t.paidAt ?? null, errorCode: null, errorMessage: null };
}

export class Checkout {
  readonly #journal: JournalStore;
  readonly #gateway: Gateway;
  readonly #clock: Clock;
  readonly #ids: IdSource;
  readonly #o: Required<Omit<CheckoutOptions, 'journal' | 'gateway' | 'clock' | 'ids' | 'onChange'>> & Pick<CheckoutOptions, 'onChange'>;
  readonly refunds: RefundDesk;
  #active: { outTradeNo: string | undefined; cancel: AbortController } | undefined;
  #recovering: Promise<{ payments: PaymentResult[]; refunds: RefundResult[] }> | undefined;

  constructor(o: CheckoutOptions) {
    this.#journal = o.journal;
    this.#gateway = o.gateway;
    this.#clock = o.clock ?? systemClock;
    this.#ids = o.ids ?? randomIds;
    this.#o = {
      waitSeconds: o.waitSeconds ?? DEFAULTS.waitSeconds,
      pollIntervalMs: o.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
      cancelAttempts: o.cancelAttempts ?? DEFAULTS.cancelAttempts,
      cancelRetryDelayMs: o.cancelRetryDelayMs ?? DEFAULTS.cancelRetryDelayMs,
      payTimeoutMinutes: o.payTimeoutMinutes ?? DEFAULTS.payTimeoutMinutes,
      defaultSubject: o.defaultSubject ?? '门店消费',
      onChange: o.onChange,
    };
    this.refunds = new RefundDesk({ journal: o.journal, gateway: o.gateway, clock: this.#clock });
  }

  get training(): boolean {
    return this.#gateway.training;
  }

  /** The attempt being paid right now in this process, if any. */
  get activeOutTradeNo(): string | undefined {
    return this.#active?.outTradeNo;
  }

  /** Checks everything that can be checked before anything is written or sent. */
  validate(input: PayInput): { amountFen: Fen; code: string; subject: string } {
    const amountFen = typeof input.amount === 'number' ? checkFen(input.amount) : parseYuan(String(input.amount));
    const c = classifyCode(String(input.code));
    if (!c.ok) throw new PosError('UNSUPPORTED_CODE', c.reason, { detailZh: c.reasonZh });
    if (c.provider !== this.#gateway.provider) {
      const label = providerLabel(c.provider);
      throw new PosError('PROVIDER_NOT_CONFIGURED', `this is a ${label} code, and ${label} is not configured on this till; ask the customer for an Alipay code`, {
        detailZh: `这是${c.rule.labelZh}付款码，本收银台未配置${c.rule.labelZh}，请顾客出示支付宝付款码`,
        details: { provider: c.provider },
      });
    }
    const subject = (input.subject ?? this.#o.defaultSubject).replace(/[\p{Cc}]/gu, ' ').trim().slice(0, 128) || this.#o.defaultSubject;
    return { amountFen, code: c.code, subject };
  }

  async pay(input: PayInput): Promise<PaymentResult> {
    if (this.#active) throw new PosError('PAYMENT_IN_PROGRESS', `payment ${this.#active.outTradeNo ?? ''} is still in progress; this scan is not a second payment`.trim());
    const { amountFen, code, subject } = this.validate(input);
    const cancel = new AbortController();
    this.#active = { outTradeNo: undefined, cancel };
    try {
      const now = this.#clock.now();
      let a = this.#journal.createAttempt({
        outTradeNo: this.#ids.outTradeNo(this.#gateway.training, now),
        provider: 'alipay',
        amountFen,
        subject,
        codeHash: this.#journal.hashCode(code),
        codeLast4: code.slice(-4),
        training: this.#gateway.training,
        createdAt: now,
      }, { sending: true });
      this.#active.outTradeNo = a.outTradeNo;
      this.#emit(a);
      const o = await this.#gateway.pay({ outTradeNo: a.outTradeNo, authCode: code, amountFen, subject, payTimeoutMinutes: this.#o.payTimeoutMinutes });
      switch (o.kind) {
        case 'paid': {
          const mismatch = this.#mismatch(a, o);
          if (!mismatch) return resultOf(this.#advance(a, { type: 'paid' }, paidPatch(o)));
          a = this.#advance(a, { type: 'outcome-unknown' }, storableError(mismatch));
          return resultOf(await this.#settle(a, cancel.signal, true));
        }
        case 'waiting':
          a = this.#advance(a, { type: 'waiting' }, { tradeNo: o.tradeNo ?? null });
          return resultOf(await this.#settle(a, cancel.signal, false));
        case 'declined': {
          const advice = adviceFor(o.subCode, o.message);
          const e = errorData('PAYMENT_DECLINED', `${advice.reason} — ${advice.next}`, `${advice.reasonZh}，${advice.nextZh}`, { subCode: o.subCode, gatewayMessage: o.message });
          return resultOf(this.#advance(a, { type: 'declined' }, storableError(e)), e);
        }
        case 'config-error': {
          // 40001/40002/40006/20001: Alipay refused the request itself, so nothing was charged.
          const e = errorData('GATEWAY_CONFIG_ERROR', `Alipay refused the request (${o.message}); check the till's Alipay settings`, `支付宝拒绝了请求（${o.message}），请检查收银台的支付宝配置`, { code: o.code, subCode: o.subCode });
          return resultOf(this.#advance(a, { type: 'declined' }, storableError(e)), e);
        }
        case 'unknown':
          a = this.#advance(a, { type: 'outcome-unknown' }, storableError(errorData(o.errorCode, o.reason, o.reason)));
          return resultOf(await this.#settle(a, cancel.signal, true));
      }
    } finally {
      this.#active = undefined;
    }
  }

  /** The cashier's cancel key: ends the wait now and cancels at the gateway. */
  requestCancel(outTradeNo?: string): boolean {
    if (!this.#active || (outTradeNo !== undefined && this.#active.outTradeNo !== outTradeNo)) return false;
    this.#active.cancel.abort();
    return true;
  }

  /** Asks the gateway about one payment and records what it says (never cancels; `recover` does). */
  async query(outTradeNo: string): Promise<PaymentResult & { gatewayStatus: string }> {
    let a = this.#journal.getAttempt(outTradeNo);
    if (!a) throw new PosError('NOT_FOUND', `no payment ${outTradeNo} in this till's journal`);
    const q = await this.#gateway.query(outTradeNo);
    const gatewayStatus = q.kind === 'status' ? q.status : q.kind === 'not-found' ? 'TRADE_NOT_EXIST' : 'UNKNOWN';
    if (!isFinal(a.state) && this.#active?.outTradeNo !== outTradeNo) a = this.#applyQuery(a, q) ?? this.#journal.getAttempt(outTradeNo)!;
    return { ...resultOf(a), gatewayStatus };
  }

  /**
   * The recovery pass (start-up, `pos recover`, and the background reconciler): every attempt that
   * is not final is queried, then polled to its wait limit or cancelled; every unconfirmed refund
   * is confirmed or re-sent with its own out_request_no.
   */
  recover(): Promise<{ payments: PaymentResult[]; refunds: RefundResult[] }> {
    // The background reconciler and the cashier's resolve key may ask at once: one pass serves both.
    this.#recovering ??= this.#recover().finally(() => (this.#recovering = undefined));
    return this.#recovering;
  }

  async #recover(): Promise<{ payments: PaymentResult[]; refunds: RefundResult[] }> {
    const payments: PaymentResult[] = [];
    for (const open of this.#journal.unresolvedAttempts()) {
      if (this.#active?.outTradeNo === open.outTradeNo) continue;
      let a = this.#advance(open, { type: 'recover' }, {}, { from: open.state });
      a = a.state === 'CANCELLING' ? await this.#cancelAtGateway(a, 'recovery') : await this.#settle(a, new AbortController().signal, true);
      payments.push(resultOf(a));
    }
    const refunds = await this.refunds.recover();
    return { payments, refunds };
  }

  refund(outTradeNo: string, amount: string | number): Promise<RefundResult> {
    return this.refunds.refund(outTradeNo, amount);
  }

  #emit(a: AttemptRecord): void {
    this.#o.onChange?.(resultOf(a));
  }

  /** Journals one state change; if another process moved the attempt meanwhile, follows it. */
  #advance(a: AttemptRecord, event: PaymentEvent, patch: AttemptPatch = {}, data?: Record<string, unknown>): AttemptRecord {
    let next: AttemptRecord;
    try {
      next = this.#journal.recordTransition(a.outTradeNo, a.state, event, patch, this.#clock.now(), data);
    } catch (e) {
      const now = this.#journal.getAttempt(a.outTradeNo);
      if (!(e instanceof PosError) || !now || now.state === a.state) throw e;
      if (isFinal(now.state) || !canTransition(now.state, event)) return now;
      next = this.#journal.recordTransition(a.outTradeNo, now.state, event, patch, this.#clock.now(), data);
    }
    this.#emit(next);
    return next;
  }

  /** The answer must be about this order: same out_trade_no, same amount (field-notes.md, last item). */
  #mismatch(a: AttemptRecord, t: PaidTrade): ErrorData | undefined {
    const wrong: string[] = [];
    if (t.outTradeNo !== a.outTradeNo) wrong.push(`out_trade_no ${t.outTradeNo} ≠ ${a.outTradeNo}`);
    if (t.totalFen !== a.amountFen) wrong.push(`total ${t.totalFen} fen ≠ ${a.amountFen} fen`);
    if (wrong.length === 0) return undefined;
    const text = `the gateway's answer does not match the order (${wrong.join(', ')}); not treated as paid`;
    return errorData('GATEWAY_MISMATCH', text, `支付宝应答与订单不符（${wrong.join('，')}），不视为已支付`);
  }

  /** Applies one trade.query answer; returns undefined when it changes nothing. */
  #applyQuery(a: AttemptRecord, q: Awaited<ReturnType<Gateway['query']>>): AttemptRecord | undefined {
    if (q.kind !== 'status') return undefined;
    // A cancel is in flight (here or in another process): its own answer settles the attempt. A
    // query that says "paid" now may be followed by that cancel refunding it.
    if (a.state === 'CANCELLING') return undefined;
    const apply = (event: PaymentEvent, patch: AttemptPatch = {}) => (canTransition(a.state, event) ? this.#advance(a, event, patch) : undefined);
    const mismatch = this.#mismatch(a, q);
    if (mismatch) return apply({ type: 'outcome-unknown' }, storableError(mismatch));
    switch (q.status) {
      case 'TRADE_SUCCESS':
      case 'TRADE_FINISHED':
        return apply({ type: 'paid' }, paidPatch(q));
      case 'WAIT_BUYER_PAY':
        return a.state === 'WAITING' ? undefined : apply({ type: 'waiting' }, { tradeNo: q.tradeNo });
      case 'TRADE_CLOSED': {
        if (this.#journal.events(a.outTradeNo).some((e) => e.type === 'cancel')) {
          // Our own earlier cancel closed it; its answer was lost, so whether it refunded is unknown.
          const e = errorData('PAYMENT_DECLINED', "closed at Alipay by the till's cancel: if it had been paid, the cancel refunded it — scan a fresh code", '已由收银台撤销并在支付宝关闭：如曾扣款，撤销已退回——请重新扫码');
          return apply({ type: 'cancelled' }, { cancelAction: 'unknown', ...storableError(e) });
        }
        const e = errorData('PAYMENT_DECLINED', 'the trade was closed unpaid at Alipay (the customer cancelled or it timed out) — scan a fresh code', '交易已在支付宝关闭且未支付（顾客取消或超时），请重新扫码');
        return apply({ type: 'declined' }, storableError(e));
      }
    }
  }

  /** Polls trade.query until a final answer, the wait limit, or the cashier's cancel. */
  async #settle(start: AttemptRecord, signal: AbortSignal, queryFirst: boolean): Promise<AttemptRecord> {
    let a = start;
    const deadline = a.createdAt + this.#o.waitSeconds * 1000;
    let lastQueryAt = queryFirst ? -Infinity : this.#clock.now();
    while (!isFinal(a.state)) {
      const firstQuery = lastQueryAt === -Infinity;
      if (!firstQuery) {
        if (signal.aborted || this.#clock.now() >= deadline) break;
        const wait = Math.min(lastQueryAt + this.#o.pollIntervalMs, deadline) - this.#clock.now();
        if (wait > 0) await this.#clock.sleep(wait, signal);
        if (signal.aborted || this.#clock.now() >= deadline) break;
      }
      lastQueryAt = this.#clock.now();
      const q = await this.#gateway.query(a.outTradeNo);
      if (q.kind === 'not-found' && a.state !== 'WAITING') {
        // The pay request never created a trade (or has not yet): cancel leaves a closed trade
        // behind, so a late-arriving request cannot charge this code after we gave up.
        return this.#cancelAtGateway(this.#advance(a, { type: 'cancel' }, {}, { reason: 'no trade at the gateway' }), 'not-found');
      }
      a = this.#applyQuery(a, q) ?? a;
    }
    if (isFinal(a.state)) return a;
    const reason = signal.aborted ? 'cashier' : 'wait-limit';
    return this.#cancelAtGateway(this.#advance(a, { type: 'cancel' }, {}, { reason }), reason);
  }

  /** trade.cancel, retried; cancel (not close) because close never refunds (barcode-pay.md step 5). */
  async #cancelAtGateway(start: AttemptRecord, reason: 'cashier' | 'wait-limit' | 'not-found' | 'recovery'): Promise<AttemptRecord> {
    // Only an attempt journaled as CANCELLING is cancelled: if another process settled it
    // meanwhile (say `pos query` saw it paid), a cancel now would refund a sale marked SUCCESS.
    if (start.state !== 'CANCELLING') return start;
    const a = start;
    let last = '';
    for (let i = 0; i < this.#o.cancelAttempts; i++) {
      if (i > 0) await this.#clock.sleep(this.#o.cancelRetryDelayMs);
      const c = await this.#gateway.cancel(a.outTradeNo);
      if (c.kind === 'cancelled') {
        const refunded = c.action === 'refund';
        const why = { cashier: ['cancelled by the cashier', '收银员已取消'], 'wait-limit': [`the customer did not confirm within ${this.#o.waitSeconds} s`, `顾客未在 ${this.#o.waitSeconds} 秒内确认`], 'not-found': ['the payment never reached Alipay', '支付请求未到达支付宝'], recovery: ['settled by the recovery pass', '恢复流程已处理'] }[reason];
        const e = refunded
          ? errorData('PAYMENT_DECLINED', `${why[0]}: it had been paid and was refunded in full — take the payment again with a fresh code`, `${why[1]}：该笔已支付并已全额退回，请重新扫码收款`, { action: c.action })
          : errorData('PAYMENT_DECLINED', `${why[0]}: nothing was charged — scan a fresh code to try again`, `${why[1]}：未扣款，请重新扫码`, { action: c.action });
        return this.#advance(a, { type: 'cancelled' }, { cancelAction: c.action, ...storableError(e) });
      }
      if (c.kind === 'not-found') {
        // No trade under this number. Nothing is charged only once a pay request still in Alipay's
        // hands could no longer create it (its timeout_express, plus a minute); until then, retry.
        const latestPayMs = a.createdAt + (this.#o.payTimeoutMinutes + 1) * 60_000;
        if (this.#clock.now() >= latestPayMs) {
          const e = errorData('PAYMENT_DECLINED', 'Alipay has no trade under this number: nothing was charged — scan a fresh code', '支付宝无此交易：未扣款，请重新扫码');
          return this.#advance(a, { type: 'cancelled' }, { cancelAction: 'none', ...storableError(e) });
        }
        last = 'Alipay has no trade under this number yet; a late payment request could still arrive';
        continue;
      }
      if (c.kind === 'declined') {
        // e.g. ACQ.TRADE_STATUS_ERROR: the trade may have finished; ask what it is.
        const q = await this.#gateway.query(a.outTradeNo);
        if (q.kind === 'status' && (q.status === 'TRADE_SUCCESS' || q.status === 'TRADE_FINISHED') && !this.#mismatch(a, q)) return this.#advance(a, { type: 'paid' }, paidPatch(q));
        if (q.kind === 'status' && q.status === 'TRADE_CLOSED') {
          // Already closed (by the buyer, a timeout or an earlier cancel): nothing is charged.
          const e = errorData('PAYMENT_DECLINED', 'the trade is closed at Alipay: nothing was charged — scan a fresh code to try again', '交易已在支付宝关闭：未扣款，请重新扫码');
          return this.#advance(a, { type: 'cancelled' }, { cancelAction: 'none', ...storableError(e) });
        }
      }
      last = c.kind === 'unknown' ? c.reason : c.kind === 'retry' ? c.reason : c.message;
    }
    const e = errorData('GATEWAY_UNKNOWN_OUTCOME', `the cancel could not be confirmed (${last}); the till keeps checking — do not charge this customer again until it is settled`, `撤销未能确认（${last}），系统将继续核实——结果确认前请勿重复收款`);
    return this.#advance(a, { type: 'unresolved' }, storableError(e));
  }
}
