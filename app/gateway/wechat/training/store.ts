// The WeChat training gateway's orders and refunds in one SQLite file, as the Alipay training
// gateway keeps its trades (app/gateway/training/trade-store.ts): state survives restarts and is
// shared by processes, and every request is answered inside one IMMEDIATE transaction, so two
// processes answering for the same out_trade_no cannot both charge it. Time-driven changes (a
// buyer confirming, WeChat's 45 s auto-revoke, a refund finishing) are computed lazily from stored
// times, so they hold across restarts and under an injected clock.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BugError } from '../../../common/errors.ts';
import { AUTO_REVOKE_MS } from '../rules.ts';
import type { TradeState } from '../wire.ts';
import type { WechatBehaviour } from './behaviours.ts';

export type Order = {
  outTradeNo: string;
  transactionId: string;
  /** mchid, or sp_mchid in service-provider mode. */
  mchId: string;
  appId: string;
  subMchId: string | null;
  state: TradeState;
  totalFen: number;
  description: string;
  authCode: string;
  behaviour: WechatBehaviour;
  createdAtMs: number;
  paysAtMs: number | null;
  paidAtMs: number | null;
  closedAtMs: number | null;
  refundedFen: number;
  /** How many times money was taken: the figure that proves a retry never charges twice. */
  charges: number;
  reverseAttempts: number;
  openid: string;
  /** MICROPAY (付款码, codepay) or NATIVE (the till's QR code). */
  tradeType: TradeType;
  /** NATIVE: time_expire, the last moment the order can be paid. */
  expiresAtMs: number | null;
  /** NATIVE: the training customer has scanned the code (GET/POST of the scan page). */
  scanned: boolean;
};

export type TradeType = 'MICROPAY' | 'NATIVE';

export type NewOrder = Pick<Order, 'outTradeNo' | 'mchId' | 'appId' | 'subMchId' | 'state' | 'totalFen' | 'description' | 'authCode' | 'behaviour' | 'createdAtMs' | 'paysAtMs'>
  & Partial<Pick<Order, 'tradeType' | 'expiresAtMs'>>;

export type RefundState = 'PROCESSING' | 'SUCCESS';
export type RefundRow = { outRefundNo: string; refundId: string; outTradeNo: string; amountFen: number; createdAtMs: number; settlesAtMs: number; state: RefundState };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  out_trade_no TEXT NOT NULL,
  mch_id TEXT NOT NULL,
  app_id TEXT NOT NULL,
  sub_mch_id TEXT,
  transaction_id TEXT UNIQUE,
  state TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  description TEXT NOT NULL,
  auth_code TEXT NOT NULL,
  behaviour TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  pays_at_ms INTEGER,
  paid_at_ms INTEGER,
  closed_at_ms INTEGER,
  refunded_fen INTEGER NOT NULL DEFAULT 0,
  charges INTEGER NOT NULL DEFAULT 0,
  reverse_attempts INTEGER NOT NULL DEFAULT 0,
  openid TEXT NOT NULL,
  trade_type TEXT NOT NULL DEFAULT 'MICROPAY',
  expires_at_ms INTEGER,
  scanned INTEGER NOT NULL DEFAULT 0,
  UNIQUE (mch_id, out_trade_no)
);
CREATE TABLE IF NOT EXISTS refunds (
  out_refund_no TEXT NOT NULL,
  mch_id TEXT NOT NULL,
  refund_id TEXT NOT NULL,
  out_trade_no TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  settles_at_ms INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (mch_id, out_refund_no)
);
`;

type Row = Record<string, unknown>;

function toOrder(r: Row): Order {
  return {
    outTradeNo: r.out_trade_no as string, transactionId: r.transaction_id as string, mchId: r.mch_id as string, appId: r.app_id as string,
    subMchId: r.sub_mch_id as string | null, state: r.state as TradeState, totalFen: r.total_fen as number, description: r.description as string,
    authCode: r.auth_code as string, behaviour: JSON.parse(r.behaviour as string) as WechatBehaviour, createdAtMs: r.created_at_ms as number,
    paysAtMs: r.pays_at_ms as number | null, paidAtMs: r.paid_at_ms as number | null, closedAtMs: r.closed_at_ms as number | null,
    refundedFen: r.refunded_fen as number, charges: r.charges as number, reverseAttempts: r.reverse_attempts as number, openid: r.openid as string,
    tradeType: (r.trade_type as TradeType | undefined) ?? 'MICROPAY', expiresAtMs: (r.expires_at_ms as number | null | undefined) ?? null, scanned: r.scanned === 1,
  };
}

function toRefund(r: Row): RefundRow {
  return {
    outRefundNo: r.out_refund_no as string, refundId: r.refund_id as string, outTradeNo: r.out_trade_no as string, amountFen: r.amount_fen as number,
    createdAtMs: r.created_at_ms as number, settlesAtMs: r.settles_at_ms as number, state: r.state as RefundState,
  };
}

/** The same payer for the same code, so repeated answers agree: an openid-shaped string. */
function openidFor(seed: string): string {
  return `oTrain${createHash('sha256').update(seed).digest('base64url').slice(0, 22)}`;
}

/** 28 digits like a WeChat transaction_id: 4200 + date + the store's sequence. */
function transactionIdFor(sequence: number, atMs: number): string {
  const d = new Date(atMs + 8 * 3600_000);
  const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return `4200${ymd}${String(sequence).padStart(16, '0')}`;
}

const BUSY_TIMEOUT_MS = 5000;

export class OrderStore {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(SCHEMA);
    // A store file from before Native QR codes: the new columns, with codepay's meaning for old rows.
    const have = new Set((this.#db.prepare('PRAGMA table_info(orders)').all() as Array<{ name: string }>).map((c) => c.name));
    if (!have.has('trade_type')) this.#db.exec("ALTER TABLE orders ADD COLUMN trade_type TEXT NOT NULL DEFAULT 'MICROPAY'");
    if (!have.has('expires_at_ms')) this.#db.exec('ALTER TABLE orders ADD COLUMN expires_at_ms INTEGER');
    if (!have.has('scanned')) this.#db.exec('ALTER TABLE orders ADD COLUMN scanned INTEGER NOT NULL DEFAULT 0');
  }

  atomically<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  /** A buyer who confirmed pays; a 付款码 order nobody paid is revoked by WeChat after ~45 s (a Native order is not: it lives to time_expire); refunds finish. */
  settleDue(nowMs: number): void {
    this.#sql(`UPDATE orders SET state = 'SUCCESS', paid_at_ms = pays_at_ms, charges = charges + 1
      WHERE state = 'USERPAYING' AND pays_at_ms IS NOT NULL AND pays_at_ms <= ? AND pays_at_ms < created_at_ms + ?`).run(nowMs, AUTO_REVOKE_MS);
    this.#sql(`UPDATE orders SET state = 'REVOKED', closed_at_ms = created_at_ms + ?
      WHERE state IN ('USERPAYING', 'NOTPAY') AND trade_type = 'MICROPAY' AND created_at_ms + ? <= ?`).run(AUTO_REVOKE_MS, AUTO_REVOKE_MS, nowMs);
    this.#sql(`UPDATE refunds SET state = 'SUCCESS' WHERE state = 'PROCESSING' AND settles_at_ms <= ?`).run(nowMs);
  }

  find(mchId: string, outTradeNo: string): Order | undefined {
    const r = this.#sql('SELECT * FROM orders WHERE mch_id = ? AND out_trade_no = ?').get(mchId, outTradeNo) as Row | undefined;
    return r && toOrder(r);
  }

  insert(o: NewOrder): Order {
    const { lastInsertRowid } = this.#sql(`INSERT INTO orders
      (out_trade_no, mch_id, app_id, sub_mch_id, state, total_fen, description, auth_code, behaviour, created_at_ms, pays_at_ms, openid, trade_type, expires_at_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(o.outTradeNo, o.mchId, o.appId, o.subMchId, o.state, o.totalFen, o.description, o.authCode, JSON.stringify(o.behaviour), o.createdAtMs, o.paysAtMs, openidFor(o.authCode), o.tradeType ?? 'MICROPAY', o.expiresAtMs ?? null);
    this.#sql('UPDATE orders SET transaction_id = ? WHERE id = ?').run(transactionIdFor(Number(lastInsertRowid), o.createdAtMs), lastInsertRowid);
    return this.#must(o.mchId, o.outTradeNo);
  }

  /** The one place a charge is counted. */
  markPaid(mchId: string, outTradeNo: string, atMs: number): Order {
    this.#sql(`UPDATE orders SET state = 'SUCCESS', paid_at_ms = ?, charges = charges + 1 WHERE mch_id = ? AND out_trade_no = ? AND state IN ('USERPAYING', 'NOTPAY')`).run(atMs, mchId, outTradeNo);
    return this.#must(mchId, outTradeNo);
  }

  setState(mchId: string, outTradeNo: string, state: TradeState, atMs: number): Order {
    this.#sql('UPDATE orders SET state = ?, closed_at_ms = ? WHERE mch_id = ? AND out_trade_no = ?').run(state, atMs, mchId, outTradeNo);
    return this.#must(mchId, outTradeNo);
  }

  /** Reverse: unpaid → REVOKED; paid → REVOKED with everything not yet refunded returned. */
  revoke(mchId: string, outTradeNo: string, atMs: number): Order {
    this.#sql(`UPDATE orders SET refunded_fen = CASE WHEN paid_at_ms IS NOT NULL THEN total_fen ELSE refunded_fen END,
      state = 'REVOKED', closed_at_ms = ? WHERE mch_id = ? AND out_trade_no = ? AND state NOT IN ('REVOKED', 'CLOSED')`).run(atMs, mchId, outTradeNo);
    return this.#must(mchId, outTradeNo);
  }

  markScanned(mchId: string, outTradeNo: string): Order {
    this.#sql('UPDATE orders SET scanned = 1 WHERE mch_id = ? AND out_trade_no = ?').run(mchId, outTradeNo);
    return this.#must(mchId, outTradeNo);
  }

  countReverse(mchId: string, outTradeNo: string): Order {
    this.#sql('UPDATE orders SET reverse_attempts = reverse_attempts + 1 WHERE mch_id = ? AND out_trade_no = ?').run(mchId, outTradeNo);
    return this.#must(mchId, outTradeNo);
  }

  findRefund(mchId: string, outRefundNo: string): RefundRow | undefined {
    const r = this.#sql('SELECT * FROM refunds WHERE mch_id = ? AND out_refund_no = ?').get(mchId, outRefundNo) as Row | undefined;
    return r && toRefund(r);
  }

  refundsOf(mchId: string, outTradeNo: string): RefundRow[] {
    return (this.#sql('SELECT * FROM refunds WHERE mch_id = ? AND out_trade_no = ? ORDER BY created_at_ms').all(mchId, outTradeNo) as Row[]).map(toRefund);
  }

  /** Records a refund; the order turns REFUND (WeChat's trade_state once any refund exists). */
  addRefund(mchId: string, r: Omit<RefundRow, 'refundId' | 'state'>): RefundRow {
    const n = (this.#sql('SELECT COUNT(*) AS n FROM refunds').get() as { n: number }).n + 1;
    const refundId = `5030${String(n).padStart(24, '0')}`;
    this.#sql(`INSERT INTO refunds (out_refund_no, mch_id, refund_id, out_trade_no, amount_fen, created_at_ms, settles_at_ms, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'PROCESSING')`).run(r.outRefundNo, mchId, refundId, r.outTradeNo, r.amountFen, r.createdAtMs, r.settlesAtMs);
    this.#sql(`UPDATE orders SET refunded_fen = refunded_fen + ?, state = 'REFUND' WHERE mch_id = ? AND out_trade_no = ?`).run(r.amountFen, mchId, r.outTradeNo);
    return this.findRefund(mchId, r.outRefundNo)!;
  }

  /** For tests and `chargeCount`: every order under this out_trade_no, whichever merchant. */
  anyByOutTradeNo(outTradeNo: string): Order | undefined {
    const r = this.#sql('SELECT * FROM orders WHERE out_trade_no = ? ORDER BY id LIMIT 1').get(outTradeNo) as Row | undefined;
    return r && toOrder(r);
  }

  refundCount(outTradeNo: string): number {
    return (this.#sql('SELECT COUNT(*) AS n FROM refunds WHERE out_trade_no = ?').get(outTradeNo) as { n: number }).n;
  }

  close(): void {
    this.#db.close();
  }

  #sql(text: string): Database.Statement {
    let s = this.#statements.get(text);
    if (!s) {
      s = this.#db.prepare(text);
      this.#statements.set(text, s);
    }
    return s;
  }

  #must(mchId: string, outTradeNo: string): Order {
    const o = this.find(mchId, outTradeNo);
    if (!o) throw new BugError(`WeChat training store lost order ${outTradeNo}`);
    return o;
  }
}
