// `pos sync [--once]`: pushes this till's journal to head office (issue 13). With --once it sends
// everything waiting and exits; without, it keeps going (as the app's own syncer does) until
// Ctrl-C, backing off while head office is away. Exit 0 synced, 1 head office unreachable,
// 2 refused (no `hq` section, or head office refused this till).
import { mkdirSync } from 'node:fs';
import { PosError } from '../../app/common/errors.ts';
import type { SyncStatusView } from '../../app/common/ipc/views.ts';
import { loadConfig } from '../../app/config/config.ts';
import { redactUrl } from '../../app/hq/hqConfig.ts';
import { HqSyncer } from '../../app/hq/HqSyncer.ts';
import { syncTillId } from '../../app/hq/tillSync.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { journalPathOf } from '../../app/till.ts';
import { errorOf, parse, refuse } from '../common.ts';
import type { CliIO } from '../io.ts';

export const USAGE = `usage: pos sync [--once] [--config FILE] [--json]
Pushes this till's journal events to head office (the config's "hq" section), each exactly once.
  --once   send what is waiting now and exit (0 synced, 1 head office unreachable, 2 refused)
Without --once it runs until Ctrl-C. The password comes from hq.passwordFile or PGPASSWORD.
`;

function describe(s: SyncStatusView): string {
  const refused = s.refusedRows ? `, ${s.refusedRows} journal row(s) refused as corrupted` : '';
  switch (s.state) {
    case 'in-sync': return `in sync${refused}`;
    case 'waiting': return `${s.waiting} event(s) waiting${refused}`;
    case 'unreachable': return `head office unreachable since ${new Date(s.unreachableSince ?? Date.now()).toISOString()} (${s.waiting} waiting): ${s.message ?? ''}`;
    case 'refused': return `head office refused this till: ${s.message ?? ''}`;
    default: return 'off';
  }
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  let syncer: HqSyncer;
  try {
    ({ values } = parse(argv, { once: { type: 'boolean', default: false } }));
    const config = loadConfig(values.config);
    if (!config.hq) throw new PosError('INVALID_CONFIG', 'the configuration has no "hq" section: this till does not sync to a head office (a single shop needs none)', { detailZh: '配置中没有 "hq" 部分：本收银台不向总部同步（单店无需同步）' });
    const journalPath = journalPathOf(config);
    mkdirSync(config.dataDir, { recursive: true });
    // Opening the journal once brings an older file up to the schema with the outbox (version 4).
    new SqliteJournal(journalPath).close();
    syncer = new HqSyncer({
      hq: config.hq,
      journalPath,
      tillId: syncTillId(config.hq, config.mode === 'training'),
      onRefused: (rows) => { for (const r of rows) io.err(`refused journal row #${r.seq}: ${r.reason}\n`); },
    });
    if (!values.json) io.err(`syncing till ${syncer.tillId} to ${redactUrl(config.hq.postgres)}\n`);
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  try {
    if (values.once) {
      try {
        const r = await syncer.syncOnce();
        if (json) io.out(`${JSON.stringify({ status: 'SYNCED', tillId: syncer.tillId, ...r, refusedRows: syncer.status().refusedRows })}\n`);
        else io.out(`sent ${r.pushed} event(s) in ${r.batches} batch(es)${r.refused ? `, refused ${r.refused} corrupted row(s)` : ''}; head office has everything up to #${r.ackedSeq}; ${r.waiting} waiting\n`);
        return 0;
      } catch (e) {
        const error = errorOf(e);
        const status = error.code === 'HQ_UNREACHABLE' ? 'UNREACHABLE' : 'REFUSED';
        if (json) io.out(`${JSON.stringify({ status, tillId: syncer.tillId, waiting: syncer.status().waiting, error })}\n`);
        else io.err(`${error.message}\n${error.messageZh}\n`);
        return status === 'UNREACHABLE' ? 1 : 2;
      }
    }
    let last = '';
    const stop = new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    const report = () => {
      const s = syncer.status();
      const line = json ? JSON.stringify(s) : describe(s);
      if (line !== last) io.out(`${line}\n`);
      last = line;
    };
    const timer = setInterval(report, 1000);
    syncer.start();
    await stop;
    clearInterval(timer);
    report();
    return 0;
  } finally {
    await syncer.close();
  }
}
