// Current state from the event log: each event carries the till's attempt / refund / day-close row
// as the syncer read it with the event, and the row carried by the highest seq of a payment wins.
// Why that is exact: on the till every change to those rows writes an event in the same
// transaction, so the row read with the newest event of a payment is the row as it stands.
// The same statements serve a batch as it lands (over the rows just inserted) and a rebuild from
// the whole log (migration 2): `src` is any relation with the events table's columns.

const FINAL = `('SUCCESS', 'FAILED', 'CANCELLED')`;
export { FINAL as FINAL_STATES_SQL };

/** Three INSERT … ON CONFLICT statements (no trailing semicolons) that fold `src` into the derived tables. */
export function deriveStatements(src: string): string[] {
  return [
    `INSERT INTO attempts (till_id, out_trade_no, store_id, provider, amount_fen, state, training, day, cashier, created_at_ms, updated_at_ms, last_seq, row)
      SELECT DISTINCT ON (till_id, attempt->>'out_trade_no')
        till_id, attempt->>'out_trade_no', store_id, attempt->>'provider', (attempt->>'amount_fen')::bigint, attempt->>'state',
        (attempt->>'training')::int <> 0, (attempt->>'day')::date, COALESCE(attempt->>'cashier', attempt->>'operator_id'),
        (attempt->>'created_at')::bigint, (attempt->>'updated_at')::bigint, seq, attempt
      FROM ${src} WHERE attempt IS NOT NULL
      ORDER BY till_id, attempt->>'out_trade_no', seq DESC
      ON CONFLICT (till_id, out_trade_no) DO UPDATE SET
        store_id = EXCLUDED.store_id, provider = EXCLUDED.provider, amount_fen = EXCLUDED.amount_fen, state = EXCLUDED.state,
        training = EXCLUDED.training, day = EXCLUDED.day, cashier = EXCLUDED.cashier, created_at_ms = EXCLUDED.created_at_ms,
        updated_at_ms = EXCLUDED.updated_at_ms, last_seq = EXCLUDED.last_seq, row = EXCLUDED.row
      WHERE attempts.last_seq < EXCLUDED.last_seq`,
    `INSERT INTO refunds (till_id, out_request_no, out_trade_no, store_id, amount_fen, state, day, created_at_ms, updated_at_ms, last_seq, row)
      SELECT DISTINCT ON (till_id, refund->>'out_request_no')
        till_id, refund->>'out_request_no', refund->>'out_trade_no', store_id, (refund->>'amount_fen')::bigint, refund->>'state',
        (refund->>'day')::date, (refund->>'created_at')::bigint, (refund->>'updated_at')::bigint, seq, refund
      FROM ${src} WHERE refund IS NOT NULL
      ORDER BY till_id, refund->>'out_request_no', seq DESC
      ON CONFLICT (till_id, out_request_no) DO UPDATE SET
        out_trade_no = EXCLUDED.out_trade_no, store_id = EXCLUDED.store_id, amount_fen = EXCLUDED.amount_fen, state = EXCLUDED.state,
        day = EXCLUDED.day, created_at_ms = EXCLUDED.created_at_ms, updated_at_ms = EXCLUDED.updated_at_ms, last_seq = EXCLUDED.last_seq, row = EXCLUDED.row
      WHERE refunds.last_seq < EXCLUDED.last_seq`,
    `INSERT INTO closes (till_id, training, z_number, store_id, day, closed_at_ms, net_fen, report, last_seq)
      SELECT DISTINCT ON (till_id, (closure->>'training')::int <> 0, (closure->>'z_number')::int)
        till_id, (closure->>'training')::int <> 0, (closure->>'z_number')::int, store_id, (closure->>'day')::date,
        (closure->>'closed_at')::bigint, (closure->'report'->>'netFen')::bigint, closure->'report', seq
      FROM ${src} WHERE closure IS NOT NULL
      ORDER BY till_id, (closure->>'training')::int <> 0, (closure->>'z_number')::int, seq DESC
      ON CONFLICT (till_id, training, z_number) DO NOTHING`,
  ];
}

/** The statements as one script (migrations). */
export function deriveSql(src: string): string {
  return `${deriveStatements(src).join(';\n')};`;
}
