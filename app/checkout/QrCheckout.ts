// QrCheckout: a sale the customer pays by scanning the till's QR code (issue 11,
// qr-bills-transfers.md §2). The same discipline as barcode pay: the attempt is journaled (with its
// lease) before the precreate request; every state change is compare-and-set; the outcome comes
// only from a verified query. What differs:
// - "no such trade" while waiting means "not scanned yet" (Alipay creates the trade at the scan);
// - the wait ends at the QR's own expiry, or at the cashier's cancel;
// - the way out is close (never cancel/reverse: WeChat reverses only 付款码 orders), then one more
//   query; a payment that landed anyway is kept as paid and refunded in full at once, and said so.
// - Whether Alipay's close kills an *unscanned* QR is [UNVERIFIED]: a close answered "no such
//   trade" is not trusted as final; the till keeps asking until the QR has expired (plus a grace),
//   so a customer who scans in that window is refunded, never silently charged.
import { CODE_RULES, type Provider } from '../common/codes.ts';
import { PosError, type ErrorData } from '../common/errors.ts';
import { checkFen, fenToYuan, parseYuan, type Fen } from '../common/money.ts';
import { checkCashierId, splitAmount } from '../common/payment/amountParts.ts';
import { canTransition, isFinal, type PaymentEvent } from '../common/payment/machine.ts';
import { systemClock, type Clock } from '../Clock.ts';
import type { Gateway, QueryOutcome } from '../gateway/Gateway.ts';
import type { QrGateway } from '../gateway/qr.ts';
import type { AttemptPatch, AttemptRecord, JournalStore } from '../journal/JournalStore.ts';
import { askerOf, type CancelAsker } from './cancelAsker.ts';
import { randomIds, type IdSource } from './ids.ts';
import { DEFAULT_LEASE_MS, holdLease, newOwnerId, takeLease } from './lease.ts';
import { resultOf, storableError, type PaymentResult } from './PaymentResult.ts';
import type { RefundDesk, RefundResult } from './RefundDesk.ts';
import { noteDelivered, stopIfUnseenPaid, type UnseenPaidMode } from './unseenPaid.ts';

export type QrCheckoutOptions = {
  journal: JournalStore;
  /** Query side of each provider (the ordinary Gateway) … */
  gateways: readonly Gateway[];
  /** … and its QR side; a provider is offered for QR only when it has both. */
  qrGateways: readonly QrGateway[];
  refunds: RefundDesk;
  clock?: Clock;
  ids?: IdSource;
  /** How long a QR code may be paid, in seconds (Alipay counts whole minutes; the till's own deadline is exact). Default 120. */
  qrTimeoutSeconds?: number;
  /** Between the starts of two queries while the QR is up: a payment is noticed within about a second. */
  pollIntervalMs?: number;
  /** After a close answered "no such trade": how long past the QR's expiry a scan could still land. */
  lateScanGraceMs?: number;
  closeAttempts?: number;
  closeRetryDelayMs?: number;
  leaseMs?: number;
  ownerId?: string;
  defaultSubject?: string;
  onChange?: (r: PaymentResult) => void;
};

export type QrInput = {
  amount: string | number; provider?: Provider | undefined; subject?: string | undefined; recovered?: UnseenPaidMode | undefined;
  /** Issue 12, as PayInput's: the part not eligible for promotions, and the signed-in cashier. */
  undiscountable?: string | number | undefined; cashier?: string | undefined;
};

export const QR_DEFAULTS = { qrTimeoutSeconds: 120, pollIntervalMs: 900, lateScanGraceMs: 30_000, closeAttempts: 4, closeRetryDelayMs: 2000 } as const;

/** Why a QR sale is being closed. */
type CloseReason = 'cashier' | 'stopped' | 'expired' | 'unknown-precreate' | 'recovery';

type Seen = Extract<QueryOutcome, { kind: 'status' }>;
const paidSeen = (q: QueryOutcome): Seen | undefined => (q.kind === 'status' && (q.status === 'paid' || q.status === 'refunded') ? q : undefined);

function named(p: Provider): { en: string; zh: string } {
  const r = CODE_RULES.find((x) => x.provider === p);
  return { en: r?.label ?? p, zh: r?.labelZh ?? p };
}

function declined(message: string, messageZh: string, details?: Record<string, unknown>): ErrorData {
  return { code: 'PAYMENT_DECLINED', message, messageZh, ...(details ? { details } : {}) };
}

export class QrCheckout {
  readonly #journal: JournalStore;
  readonly #gateways: ReadonlyMap<Provider, Gateway>;
  readonly #qr: ReadonlyMap<Provider, QrGateway>;
  readonly #refunds: RefundDesk;
  readonly #clock: Clock;
  readonly #ids: IdSource;
  readonly #o: Required<Omit<QrCheckoutOptions, 'journal' | 'gateways' | 'qrGateways' | 'refunds' | 'clock' | 'ids' | 'onChange'>> & Pick<QrCheckoutOptions, 'onChange'>;
  #active: { outTradeNo: string | undefined; cancel: AbortController } | undefined;
  readonly #lateRefunds = new Map<string, RefundResult>();

  constructor(o: QrCheckoutOptions) {
    this.#journal = o.journal;
    this.#gateways = new Map(o.gateways.map((g) => [g.provider, g]));
    this.#qr = new Map(o.qrGateways.filter((g) => this.#gateways.has(g.provider)).map((g) => [g.provider, g]));
    this.#refunds = o.refunds;
    this.#clock = o.clock ?? systemClock;
    this.#ids = o.ids ?? randomIds;
    this.#o = {
      qrTimeoutSeconds: o.qrTimeoutSeconds ?? QR_DEFAULTS.qrTimeoutSeconds,
      pollIntervalMs: o.pollIntervalMs ?? QR_DEFAULTS.pollIntervalMs,
      lateScanGraceMs: o.lateScanGraceMs ?? QR_DEFAULTS.lateScanGraceMs,
      closeAttempts: o.closeAttempts ?? QR_DEFAULTS.closeAttempts,
      closeRetryDelayMs: o.closeRetryDelayMs ?? QR_DEFAULTS.closeRetryDelayMs,
      leaseMs: o.leaseMs ?? DEFAULT_LEASE_MS,
      ownerId: o.ownerId ?? newOwnerId(),
      defaultSubject: o.defaultSubject ?? '门店消费',
      onChange: o.onChange,
    };
  }

  /** The providers that can show a QR code on this till, in the order configured (the first is the default). */
  get providers(): Provider[] {
    return [...this.#qr.keys()];
  }

  /** The providers that can make a QR code right now (configured, and not refused by qrUnavailable). */
  get available(): Provider[] {
    return this.providers.filter((p) => this.#qr.get(p)!.qrUnavailable?.() === undefined);
  }

  get activeOutTradeNo(): string | undefined {
    return this.#active?.outTradeNo;
  }

  validate(input: QrInput): { amountFen: Fen; provider: Provider; subject: string; undiscountableFen: number; cashier: string | undefined } {
    const amountFen = typeof input.amount === 'number' ? checkFen(input.amount) : parseYuan(String(input.amount));
    const { undiscountableFen } = splitAmount(amountFen, input.undiscountable);
    const cashier = input.cashier === undefined || input.cashier === '' ? undefined : checkCashierId(input.cashier);
    const provider = input.provider ?? this.providers[0];
    if (provider === undefined || !this.#qr.has(provider)) {
      const n = provider ? named(provider) : { en: 'a provider', zh: '支付渠道' };
      throw new PosError('PROVIDER_NOT_CONFIGURED', `${n.en} QR payments are not configured on this till${this.providers.length ? ` (it offers ${this.providers.map((p) => named(p).en).join(', ')})` : ''}`, {
        detailZh: `本收银台未配置${n.zh}扫码收款${this.providers.length ? `（可用：${this.providers.map((p) => named(p).zh).join('、')}）` : ''}`,
        details: { provider: provider ?? null, configured: this.providers },
      });
    }
    const unavailable = this.#qr.get(provider)!.qrUnavailable?.();
    if (unavailable) throw new PosError('INVALID_CONFIG', unavailable.message, { detailZh: unavailable.messageZh, details: { provider } });
    const subject = (input.subject ?? this.#o.defaultSubject).replace(/[\p{Cc}]/gu, ' ').trim().slice(0, 127) || this.#o.defaultSubject;
    return { amountFen, provider, subject, undiscountableFen, cashier };
  }

  /**
   * Shows one QR code for this sale and settles it. One at a time: the journal refuses a new
   * attempt while any other is unresolved, so a sale never has two open QR codes.
   */
  async start(input: QrInput): Promise<PaymentResult> {
    if (this.#active) throw new PosError('PAYMENT_IN_PROGRESS', `QR payment ${this.#active.outTradeNo ?? ''} is still open; close it before another`.trim());
    const { amountFen, provider, subject, undiscountableFen, cashier } = this.validate(input);
    const qrGw = this.#qr.get(provider)!;
    stopIfUnseenPaid(this.#journal, this.#clock.now(), qrGw.training, input.recovered ?? 'refuse-once');
    const cancel = new AbortController();
    this.#active = { outTradeNo: undefined, cancel };
    let release: (() => void) | undefined;
    try {
      const now = this.#clock.now();
      const outTradeNo = this.#ids.outTradeNo(qrGw.training, now);
      const expiresAtMs = now + this.#o.qrTimeoutSeconds * 1000;
      let a = this.#journal.createAttempt({
        outTradeNo, provider, amountFen, subject, method: 'qr',
        // No customer code exists for a QR sale; the column keeps its meaning (a keyed hash, never the code).
        codeHash: this.#journal.hashCode(`qr:${outTradeNo}`), codeLast4: 'QR',
        training: qrGw.training, createdAt: now,
        ...(undiscountableFen ? { undiscountableFen } : {}), ...(cashier ? { cashier } : {}),
      }, { sending: true, lease: { owner: this.#o.ownerId, expiresAt: now + this.#o.leaseMs } });
      this.#active.outTradeNo = a.outTradeNo;
      release = this.#hold(a.outTradeNo);
      this.#emit(a);
      const o = await qrGw.precreate({ outTradeNo, amountFen, subject, expiresAtMs, timeoutMinutes: Math.max(1, Math.ceil(this.#o.qrTimeoutSeconds / 60)), undiscountableFen, operatorId: cashier });
      a = this.#fresh(a);
      switch (o.kind) {
        case 'qr':
          if (a.state === 'CANCELLING') break; // the cashier cancelled while the code was being made
          a = this.#advance(a, { type: 'waiting' }, { qrCode: o.qrCode, qrExpiresAt: expiresAtMs }, { qr: true, expiresAt: expiresAtMs });
          break;
        case 'declined':
        case 'config-error': {
          const n = named(provider);
          const e = o.kind === 'declined'
            ? declined(`${n.en} would not make a QR code (${o.message}) — take the payment another way`, `${n.zh}未能生成收款码（${o.message}），请换一种方式收款`, { subCode: o.subCode })
            : { code: 'GATEWAY_CONFIG_ERROR' as const, message: `${n.en} refused the request (${o.message}); check the till's ${n.en} settings`, messageZh: `${n.zh}拒绝了请求（${o.message}），请检查收银台的${n.zh}配置` };
          return resultOf(this.#advance(a, { type: 'declined' }, storableError(e)));
        }
        case 'unknown':
          // The code may exist at the provider even though the answer was lost: close it.
          a = this.#advance(a, { type: 'outcome-unknown' }, storableError({ code: o.errorCode, message: o.reason, messageZh: `生成收款码的应答未知（${o.reason}），正在关闭该订单` }));
          a = this.#decideClose(a, 'unknown-precreate');
          break;
      }
      const done = await this.#settle(a, cancel.signal);
      if (done.state === 'SUCCESS') noteDelivered(this.#journal, done, this.#clock.now());
      return this.#view(done);
    } finally {
      release?.();
      this.#active = undefined;
    }
  }

  /** The cashier's cancel: the QR is closed now; a payment that lands anyway is refunded. */
  requestCancel(outTradeNo?: string, asker: CancelAsker = 'cashier'): boolean {
    const active = this.#active;
    if (!active || (outTradeNo !== undefined && active.outTradeNo !== outTradeNo)) return false;
    active.cancel.abort(asker);
    const a = active.outTradeNo === undefined ? undefined : this.#journal.getAttempt(active.outTradeNo);
    if (a && !isFinal(a.state) && a.state !== 'CANCELLING') this.#decideClose(a, asker);
    return true;
  }

  /** Settles an unresolved QR attempt found by the recovery pass (it holds no lease of another live process). */
  async recoverOne(open: AttemptRecord): Promise<PaymentResult | undefined> {
    if (!this.#take(open)) return undefined;
    const release = this.#hold(open.outTradeNo);
    try {
      let a = this.#fresh(open);
      if (isFinal(a.state)) return this.#view(a);
      if (a.state !== 'CANCELLING' && a.state !== 'WAITING') {
        a = this.#advance(a, { type: 'recover' }, {}, { from: a.state });
        // A QR whose code was never recorded cannot be on the customer's screen any more: close it.
        if (a.qrCode === null) a = this.#decideClose(a, 'recovery');
      }
      return this.#view(await this.#settle(a, new AbortController().signal));
    } finally {
      release();
    }
  }

  /** Polls the query until paid, closed, the QR's expiry or the cashier's cancel; then closes. */
  async #settle(start: AttemptRecord, signal: AbortSignal): Promise<AttemptRecord> {
    let a = this.#fresh(start);
    const gw = this.#gateways.get(a.provider)!;
    const deadline = a.qrExpiresAt ?? this.#clock.now();
    let first = true;
    while (!isFinal(a.state) && a.state !== 'CANCELLING') {
      if (!first) {
        if (signal.aborted || this.#clock.now() >= deadline) break;
        const wait = Math.min(this.#o.pollIntervalMs, deadline - this.#clock.now());
        if (wait > 0) await this.#clock.sleep(wait, signal);
        if (signal.aborted || this.#clock.now() >= deadline) break;
      }
      first = false;
      const q = await gw.query(a.outTradeNo);
      a = this.#fresh(a);
      if (isFinal(a.state) || a.state === 'CANCELLING' || !this.#mine(a)) break;
      a = this.#applyWhileOpen(a, q);
    }
    a = this.#fresh(a);
    if (isFinal(a.state) || !this.#mine(a)) return a;
    if (a.state !== 'CANCELLING') a = this.#decideClose(a, signal.aborted ? askerOf(signal) : 'expired');
    return this.#close(a);
  }

  /** One query's answer while the QR is up. */
  #applyWhileOpen(a: AttemptRecord, q: QueryOutcome): AttemptRecord {
    // not-found: not scanned yet (Alipay); unknown: ask again at the next poll.
    if (q.kind !== 'status') return a;
    const wrong = this.#mismatch(a, q);
    if (wrong) return this.#advance(a, { type: 'outcome-unknown' }, storableError(wrong));
    if (paidSeen(q)) return this.#advance(a, { type: 'paid' }, this.#paidPatch(q));
    const n = named(a.provider);
    if (q.status === 'closed' || q.status === 'failed') {
      return this.#advance(a, { type: 'declined' }, storableError(declined(`the QR payment was closed unpaid at ${n.en} — nothing was charged`, `扫码订单已在${n.zh}关闭且未支付，未扣款`)));
    }
    return a.state === 'WAITING' ? a : this.#advance(a, { type: 'waiting' });
  }

  /** Closes the QR at the provider, then asks once more; retries; never trusts "no such trade" before the QR has expired. */
  async #close(start: AttemptRecord): Promise<AttemptRecord> {
    let a = this.#fresh(start);
    if (a.state !== 'CANCELLING' || !this.#mine(a)) return a;
    const qrGw = this.#qr.get(a.provider);
    const gw = this.#gateways.get(a.provider)!;
    const n = named(a.provider);
    const reason = (a.cancelReason ?? 'recovery') as CloseReason;
    const why = {
      cashier: ['cancelled by the cashier', '收银员已取消'],
      stopped: ['closed because the till was stopped', '收银台停止运行，收款码已关闭'],
      expired: ['the QR code expired unpaid', '收款码已过期未支付'],
      'unknown-precreate': ['the QR code could not be confirmed', '收款码生成结果未知'],
      recovery: ['settled by the recovery pass', '恢复流程已处理'],
    }[reason] ?? ['closed', '已关闭'];
    const cancelled = (action: 'close' | 'none') =>
      this.#advance(a, { type: 'cancelled' }, { cancelAction: action, ...storableError(declined(`${why[0]}: nothing was charged`, `${why[1]}：未扣款`, { action, reason })) });
    let last = '';
    let tries = 0;
    const latestScanMs = (a.qrExpiresAt ?? a.createdAt) + this.#o.lateScanGraceMs;
    while (tries < this.#o.closeAttempts) {
      a = this.#fresh(a);
      if (a.state !== 'CANCELLING' || !this.#mine(a)) return a;
      const c = qrGw ? await qrGw.closeQr(a.outTradeNo) : ({ kind: 'retry', reason: `${n.en} QR is no longer configured` } as const);
      // Whatever the close said, the query after it decides: a customer on the password sheet may still pay (§2.2).
      const q = await gw.query(a.outTradeNo);
      a = this.#fresh(a);
      if (a.state !== 'CANCELLING' || !this.#mine(a)) return a;
      const paid = paidSeen(q);
      if (paid && !this.#mismatch(a, paid)) return this.#latePaid(a, paid);
      const closedAtGateway = q.kind === 'status' && (q.status === 'closed' || q.status === 'failed');
      if (c.kind === 'closed' && (closedAtGateway || q.kind === 'not-found')) return cancelled('close');
      if (closedAtGateway) return cancelled('close');
      // Alipay: "no such trade" to both ([UNVERIFIED] whether that kills an unscanned code). WeChat:
      // closed, yet the order still answers NOTPAY (a customer on the password sheet may still pay,
      // §2.2). Either way: wait until the code can no longer be paid, asking again each round.
      const stillOpen = (c.kind === 'not-found' && q.kind === 'not-found') || (c.kind === 'closed' && q.kind === 'status' && q.status === 'waiting');
      if (stillOpen) {
        if (this.#clock.now() >= latestScanMs) return cancelled('none');
        last = c.kind === 'closed'
          ? `${n.en} accepted the close but the order still answers unpaid; it could still be paid until the QR code expires`
          : `${n.en} has no trade under this number yet; the QR code could still be scanned until it expires`;
        await this.#clock.sleep(Math.min(this.#o.pollIntervalMs, Math.max(1, latestScanMs - this.#clock.now())));
        continue; // not a failed try: waiting out the code's life
      }
      tries++;
      last = c.kind === 'retry' || c.kind === 'not-closable' ? c.reason : c.kind === 'unknown' ? c.reason : c.kind === 'config-error' ? c.message : `${c.kind}, query ${q.kind === 'status' ? q.status : q.kind}`;
      if (tries < this.#o.closeAttempts) await this.#clock.sleep(this.#o.closeRetryDelayMs);
    }
    const e: ErrorData = {
      code: 'GATEWAY_UNKNOWN_OUTCOME',
      message: `the QR payment could not be closed (${last}); the till keeps checking — do not take this sale again until it is settled`,
      messageZh: `扫码订单未能关闭（${last}），系统将继续核实——结果确认前请勿重复收款`,
    };
    return this.#advance(a, { type: 'unresolved' }, storableError(e));
  }

  /** Paid after the cancel or the expiry: the money is the customer's, so it goes back in full, at once. */
  async #latePaid(a: AttemptRecord, seen: Seen): Promise<AttemptRecord> {
    const kept = this.#advance(a, { type: 'kept-paid' }, this.#paidPatch(seen), { late: true, reason: a.cancelReason });
    if (kept.state !== 'SUCCESS') return kept;
    // The refund is journaled before it is sent and settled (or left for recovery) by RefundDesk.
    try {
      this.#lateRefunds.set(kept.outTradeNo, await this.#refunds.refund(kept.outTradeNo, kept.amountFen, { again: true }));
    } catch {
      // Not confirmed yet: the refund is in the journal, and recovery settles it under its own number.
    }
    // Pushed once more with the refund's outcome: a screen reloaded meanwhile has no call answer to read it from.
    const after = this.#fresh(kept);
    this.#o.onChange?.(this.#view(after));
    return after;
  }

  #paidPatch(t: Seen): AttemptPatch {
    return {
      tradeNo: t.tradeNo ?? null, buyerLogonId: t.buyerLogonId ?? null, buyerUserId: t.buyerUserId ?? null, paidAt: t.paidAt ?? null, errorCode: null, errorMessage: null,
      // 顾客实付 / 优惠 as the provider reported them (issue 12), as barcode pay records them.
      ...(t.paidDetail ? { paidDetail: JSON.stringify(t.paidDetail) } : {}),
    };
  }

  #mismatch(a: AttemptRecord, t: Seen): ErrorData | undefined {
    const wrong: string[] = [];
    if (t.outTradeNo !== a.outTradeNo) wrong.push(`out_trade_no ${t.outTradeNo} ≠ ${a.outTradeNo}`);
    if (t.totalFen !== undefined && t.totalFen !== a.amountFen) wrong.push(`total ${t.totalFen} fen ≠ ${a.amountFen} fen`);
    if (wrong.length === 0) return undefined;
    const n = named(a.provider);
    return { code: 'GATEWAY_MISMATCH', message: `${n.en}'s answer does not match the order (${wrong.join(', ')}); not treated as paid`, messageZh: `${n.zh}应答与订单不符（${wrong.join('，')}），不视为已支付` };
  }

  /** The result with a late payment's refund attached, so the cashier is told it went back. */
  #view(a: AttemptRecord): PaymentResult {
    const r = resultOf(a);
    if (a.state !== 'SUCCESS' || !this.#journal.events(a.outTradeNo).some((e) => e.type === 'kept-paid' && e.data.late === true)) return r;
    const refund = this.#lateRefunds.get(a.outTradeNo);
    const refunded = this.#journal.refundsFor(a.outTradeNo).some((x) => x.state === 'SUCCESS' && x.amountFen === a.amountFen);
    const y = fenToYuan(a.amountFen);
    const n = named(a.provider);
    return {
      ...r,
      ...(refund ? { lateRefund: refund } : {}),
      error: {
        code: 'PAYMENT_DECLINED',
        message: `the customer paid ¥${y} with ${n.en} after the QR was closed; ${refunded ? 'it was refunded in full' : 'a full refund is on its way'} — take the payment again`,
        messageZh: `顾客在收款码关闭后仍通过${n.zh}支付了 ¥${y}，${refunded ? '已全额原路退回' : '全额退款处理中'}——请重新收款`,
      },
    };
  }

  #decideClose(a: AttemptRecord, reason: CloseReason): AttemptRecord {
    if (a.state === 'CANCELLING' || !canTransition(a.state, { type: 'cancel' })) return a;
    return this.#advance(a, { type: 'cancel' }, { cancelReason: reason }, { reason, qr: true });
  }

  #advance(a: AttemptRecord, event: PaymentEvent, patch: AttemptPatch = {}, data?: Record<string, unknown>): AttemptRecord {
    if (!canTransition(a.state, event)) return this.#fresh(a);
    let next: AttemptRecord;
    try {
      next = this.#journal.recordTransition(a.outTradeNo, a.state, event, patch, this.#clock.now(), data);
    } catch (e) {
      const now = this.#journal.getAttempt(a.outTradeNo);
      if (!(e instanceof PosError) || !now || now.state === a.state) throw e;
      return now; // another process (or the cashier's cancel) moved it first: the newer state stands
    }
    this.#emit(next);
    return next;
  }

  #emit(a: AttemptRecord): void {
    this.#o.onChange?.(resultOf(a));
  }

  #fresh(a: AttemptRecord): AttemptRecord {
    return this.#journal.getAttempt(a.outTradeNo) ?? a;
  }

  #mine(a: AttemptRecord): boolean {
    return a.leaseOwner === this.#o.ownerId;
  }

  #take(a: AttemptRecord): boolean {
    return takeLease({ journal: this.#journal, clock: this.#clock, ownerId: this.#o.ownerId, leaseMs: this.#o.leaseMs }, a);
  }

  #hold(outTradeNo: string): () => void {
    return holdLease({ journal: this.#journal, clock: this.#clock, ownerId: this.#o.ownerId, leaseMs: this.#o.leaseMs }, outTradeNo);
  }
}
