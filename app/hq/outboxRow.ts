// What one outbox row becomes on the wire to head office, and the checks that refuse a corrupted
// or truncated one. A refused row is quarantined and reported, never repaired or guessed at: the
// journal is evidence (issue 13). The rest of the outbox goes on around it.

type Row = Record<string, unknown>;

export type OutboxEvent = {
  seq: number;
  at_ms: number;
  type: string;
  out_trade_no: string | null;
  out_request_no: string | null;
  data: Record<string, unknown>;
  /** The till's rows as read with this event (snake_case, as in the journal). */
  attempt: Row | null;
  refund: Row | null;
  closure: Row | null;
};

export type RefusedRow = { seq: number; reason: string; raw: string };

/** Event types as the journal writes them: 'paid', 'refund-success', 'cashback.sent', … */
const TYPE = /^[a-z][a-z0-9_.-]{0,63}$/;
const KEY = /^[A-Za-z0-9_]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const STATE = /^[A-Z_]{1,32}$/;
/** Head office does not need the payment code's hash (and the journal's HMAC key never leaves). */
const NOT_SENT = new Set(['code_hash']);

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string';

function rawOf(r: Row): string {
  const data = r.data;
  const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? `<${data.length} bytes>` : String(data);
  return `${String(r.type)} ${text}`.slice(0, 500);
}

function snapshot(r: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) if (!NOT_SENT.has(k)) out[k] = v;
  return out;
}

function attemptProblem(a: Row): string | undefined {
  if (!isText(a.out_trade_no) || !KEY.test(a.out_trade_no)) return 'attempt row: bad out_trade_no';
  if (!isText(a.provider) || a.provider === '') return 'attempt row: bad provider';
  if (!isInt(a.amount_fen) || a.amount_fen <= 0) return 'attempt row: amount_fen is not a positive whole number of fen';
  if (!isText(a.state) || !STATE.test(a.state)) return 'attempt row: bad state';
  if (a.training !== 0 && a.training !== 1) return 'attempt row: bad training flag';
  if (!isText(a.day) || !DAY.test(a.day)) return 'attempt row: bad day';
  if (!isInt(a.created_at) || !isInt(a.updated_at)) return 'attempt row: bad timestamps';
  return undefined;
}

function refundProblem(r: Row): string | undefined {
  if (!isText(r.out_request_no) || !KEY.test(r.out_request_no)) return 'refund row: bad out_request_no';
  if (!isText(r.out_trade_no) || !KEY.test(r.out_trade_no)) return 'refund row: bad out_trade_no';
  if (!isInt(r.amount_fen) || r.amount_fen <= 0) return 'refund row: amount_fen is not a positive whole number of fen';
  if (!isText(r.state) || !STATE.test(r.state)) return 'refund row: bad state';
  if (!isText(r.day) || !DAY.test(r.day)) return 'refund row: bad day';
  if (!isInt(r.created_at) || !isInt(r.updated_at)) return 'refund row: bad timestamps';
  return undefined;
}

/**
 * Checks one events row and the rows it refers to. `look` reads the attempt, refund and day-close
 * rows in the same read transaction as the event.
 */
export function toOutboxEvent(
  r: Row,
  look: { attempt(outTradeNo: string): Row | undefined; refund(outRequestNo: string): Row | undefined; closure(day: string, training: number): Row | undefined },
): { ok: true; event: OutboxEvent } | { ok: false; refused: RefusedRow } {
  const seq = r.id as number;
  const refuse = (reason: string) => ({ ok: false as const, refused: { seq, reason, raw: rawOf(r) } });
  if (!isInt(r.at) || r.at <= 0) return refuse('bad time (at)');
  if (!isText(r.type) || !TYPE.test(r.type)) return refuse('bad event type');
  if (!isText(r.data)) return refuse('data is not text');
  let data: unknown;
  try {
    data = JSON.parse(r.data);
  } catch (e) {
    return refuse(`data is not valid JSON (truncated?): ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return refuse('data is not a JSON object');
  const outTradeNo = r.out_trade_no ?? null;
  const outRequestNo = r.out_request_no ?? null;
  if (outTradeNo !== null && (!isText(outTradeNo) || !KEY.test(outTradeNo))) return refuse('bad out_trade_no');
  if (outRequestNo !== null && (!isText(outRequestNo) || !KEY.test(outRequestNo))) return refuse('bad out_request_no');
  let attempt: Row | null = null;
  let refund: Row | null = null;
  let closure: Row | null = null;
  if (outTradeNo !== null) {
    const a = look.attempt(outTradeNo);
    if (!a) return refuse(`no payment ${outTradeNo} in the journal`);
    const p = attemptProblem(a);
    if (p) return refuse(p);
    attempt = snapshot(a);
  }
  if (outRequestNo !== null) {
    const f = look.refund(outRequestNo);
    if (!f) return refuse(`no refund ${outRequestNo} in the journal`);
    const p = refundProblem(f);
    if (p) return refuse(p);
    if (f.out_trade_no !== outTradeNo) return refuse(`refund ${outRequestNo} belongs to another payment`);
    refund = snapshot(f);
  }
  if (r.type === 'day-closed') {
    const d = data as { day?: unknown; training?: unknown };
    if (!isText(d.day) || !DAY.test(d.day) || typeof d.training !== 'boolean') return refuse('day-closed: bad day or training flag');
    const c = look.closure(d.day, d.training ? 1 : 0);
    if (!c) return refuse(`no day close for ${d.day} in the journal`);
    let report: unknown;
    try {
      report = JSON.parse(String(c.report));
    } catch {
      return refuse(`the day close of ${d.day}: report is not valid JSON`);
    }
    if (!isInt(c.z_number) || !isInt(c.closed_at) || !isInt((report as { netFen?: unknown }).netFen)) return refuse(`the day close of ${d.day}: bad row`);
    closure = { ...c, report };
  }
  return { ok: true, event: { seq, at_ms: r.at, type: r.type, out_trade_no: outTradeNo, out_request_no: outRequestNo, data: data as Record<string, unknown>, attempt, refund, closure } };
}
