// The cashier and the undiscountable part reach head office (issue 12): the outbox carries each
// attempt's journal row, and head office's derived table takes its cashier from that row's
// `cashier` column (app/hq/hqDerive.ts), which migration 9 adds and Checkout fills.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveStatements } from '../../app/hq/hqDerive.ts';
import { TillOutbox } from '../../app/hq/TillOutbox.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('cashier to head office', () => {
  it('the outbox row of an attempt carries cashier and undiscountable_fen, the columns head office reads', () => {
    const path = join(tempDir('till-hq-cashier-'), 'journal.db');
    const journal = new SqliteJournal(path);
    try {
      journal.createAttempt({ outTradeNo: 'TR0000000001', provider: 'alipay', amountFen: 1200, subject: 's', codeHash: journal.hashCode('x'), codeLast4: '0000', training: true, createdAt: Date.now(), undiscountableFen: 1000, cashier: 'C007' }, { sending: true });
    } finally {
      journal.close();
    }
    const outbox = new TillOutbox(path);
    try {
      const batch = outbox.readBatch(0, 10);
      const rows = batch.events.map((e) => e.attempt).filter((a) => a !== null);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]).toMatchObject({ out_trade_no: 'TR0000000001', cashier: 'C007', undiscountable_fen: 1000 });
    } finally {
      outbox.close();
    }
    expect(deriveStatements('x')[0]).toContain("attempt->>'cashier'");
  });
});
