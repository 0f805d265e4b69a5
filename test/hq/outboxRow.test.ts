// One outbox row's checks: what passes to head office and what is refused as corrupted.
import { describe, expect, it } from 'vitest';
import { toOutboxEvent } from '../../app/hq/outboxRow.ts';

const attempt = { out_trade_no: 'TR1', provider: 'alipay', amount_fen: 1234, state: 'SUCCESS', training: 0, day: '2026-11-22', created_at: 1, updated_at: 2, code_hash: 'secret-hmac' };
const look = { attempt: (k: string) => (k === 'TR1' ? attempt : undefined), refund: () => undefined, closure: () => undefined };
const row = (o: Record<string, unknown>) => ({ id: 7, at: 1000, out_trade_no: 'TR1', out_request_no: null, type: 'paid', data: '{"from":"SENT","to":"SUCCESS"}', ...o });

describe('an outbox row', () => {
  it('passes with the payment row, without the code hash; other lines of work’s event types pass too', () => {
    const r = toOutboxEvent(row({}), look);
    expect(r.ok && r.event.attempt).toMatchObject({ out_trade_no: 'TR1', amount_fen: 1234 });
    expect(r.ok && 'code_hash' in r.event.attempt!).toBe(false);
    expect(toOutboxEvent(row({ type: 'cashback.sent', data: '{"outBizNo":"X"}' }), look).ok).toBe(true);
  });

  it('is refused when truncated, not an object, of a payment that is not there, or with a damaged payment row', () => {
    const reason = (o: Record<string, unknown>, l = look) => { const r = toOutboxEvent(row(o), l); return r.ok ? 'ok' : r.refused.reason; };
    expect(reason({ data: '{"from":"SE' })).toMatch(/not valid JSON/);
    expect(reason({ data: '[1]' })).toMatch(/not a JSON object/);
    expect(reason({ data: Buffer.from('x') })).toMatch(/not text/);
    expect(reason({ out_trade_no: 'TR2' })).toMatch(/no payment TR2/);
    expect(reason({ at: 'yesterday' })).toMatch(/bad time/);
    expect(reason({ type: '' })).toMatch(/bad event type/);
    expect(reason({}, { ...look, attempt: () => ({ ...attempt, amount_fen: 12.5 }) })).toMatch(/amount_fen/);
  });
});
