// `pos hq migrate`, `pos hq report` and `pos hq reconcile` (hqReconcile.ts): head office's side
// (issue 13). Head office is reached with --postgres URL (an operator's machine) or the config's
// "hq" section (a till's); the password from --password-file, hq.passwordFile or PGPASSWORD —
// never in a URL, never printed.
import type pg from 'pg';
import { PosError } from '../../app/common/errors.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { isDay, shanghaiDay } from '../../app/common/time.ts';
import { loadConfig } from '../../app/config/config.ts';
import { redactUrl, resolveTillAndHq } from '../../app/hq/hqConfig.ts';
import { connectHq, type HqTarget } from '../../app/hq/hqConnection.ts';
import { runAgain, unreachableWith } from '../../app/hq/hqUnreachable.ts';
import { HQ_SCHEMA_VERSION, migrateHq } from '../../app/hq/hqMigrations.ts';
import { hqReport, type HqReport, type Totals } from '../../app/hq/hqReport.ts';
import { errorOf, parse, refuse } from '../common.ts';
import type { CliIO } from '../io.ts';

export const USAGE = `usage: pos hq migrate [--to N] [--postgres URL] [--password-file FILE] [--config FILE] [--json]
       pos hq report [--date YYYY-MM-DD] [--store S] [--training] [--postgres URL] [--password-file FILE] [--config FILE] [--json]
       pos hq reconcile [--date YYYY-MM-DD] [--provider alipay|wechat] [--csv FILE] [--postgres URL] [--password-file FILE] [--config FILE] [--json]
migrate  creates or upgrades head office's schema (now version ${HQ_SCHEMA_VERSION}); safe to run again
report   the chain's day: takings, refunds, net by store, till, provider and cashier; payments not
         settled anywhere with their age; tills that have not synced; corrupted rows tills refused
reconcile  one provider bill (fetched once with the config's credentials, kept raw) matched against
         every till at head office: matched, bill-only, chain-only, amount differences, ambiguous
         numbers, refunds, fees, each difference with its store and till; tills not synced up to the
         end of the day. Exit 0 all matched, 1 differences or tills behind, 2 refused
Head office is --postgres URL, else the config's hq.postgres; the password comes from
--password-file, hq.passwordFile or PGPASSWORD (a URL with a password in it is refused).
`;

const OPTIONS = {
  postgres: { type: 'string' },
  'password-file': { type: 'string' },
  to: { type: 'string' },
  date: { type: 'string' },
  store: { type: 'string' },
  training: { type: 'boolean', default: false },
} as const;

export function targetOf(values: { postgres?: string | undefined; 'password-file'?: string | undefined; config?: string | undefined }): HqTarget {
  if (values.postgres !== undefined) {
    // Same checks as the config's section (no password in the URL); a till id is not needed here.
    const r = resolveTillAndHq({ id: 'HQ-OPERATOR' }, { postgres: values.postgres, ...(values['password-file'] ? { passwordFile: values['password-file'] } : {}) }, (p) => (p === undefined ? undefined : p), '--postgres');
    return { postgres: r.hq!.postgres, passwordFile: r.hq!.passwordFile };
  }
  const config = loadConfig(values.config);
  if (!config.hq) throw new PosError('INVALID_ARGUMENT', 'no head office: give --postgres postgres://user@host:5432/db or a config with an "hq" section', { detailZh: '未指定总部数据库：请给出 --postgres 或含 "hq" 部分的配置文件' });
  return { postgres: config.hq.postgres, passwordFile: values['password-file'] ?? config.hq.passwordFile };
}

const yuan = (fen: number) => `¥${fenToYuan(fen)}`;
const line = (t: Totals) => `paid ${String(t.paidCount).padStart(5)} ${yuan(t.paidFen).padStart(13)}   refunds ${String(t.refundCount).padStart(4)} ${yuan(t.refundFen).padStart(11)}   net ${yuan(t.netFen).padStart(13)}`;

function age(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  return min < 60 ? `${min} min` : min < 48 * 60 ? `${Math.floor(min / 60)} h ${min % 60} min` : `${Math.floor(min / 1440)} days`;
}

function hours(ms: number): string {
  const h = ms / 3600_000;
  return `${h >= 0 ? '+' : ''}${h.toFixed(1)} h`;
}

function printReport(io: CliIO, r: HqReport, now: number): void {
  io.out(`head office — ${r.day}${r.storeId ? `, store ${r.storeId}` : ', all stores'}${r.training ? '  [TRAINING 培训]' : ''}\n`);
  io.out(`  ${line(r.totals)}\n`);
  const section = (title: string, rows: Array<Totals & Record<string, unknown>>, name: (x: Record<string, unknown>) => string) => {
    io.out(`${title}\n`);
    if (rows.length === 0) io.out('  (nothing)\n');
    for (const x of rows) io.out(`  ${name(x).padEnd(18)} ${line(x)}\n`);
  };
  section('by store', r.byStore, (x) => String(x.storeId));
  section('by till', r.byTill, (x) => String(x.tillId));
  section('by provider', r.byProvider, (x) => String(x.provider));
  section('by cashier', r.byCashier, (x) => (x.cashier === null ? '(not recorded)' : String(x.cashier)));
  io.out(`not settled anywhere in the chain: ${r.unknown.length}\n`);
  for (const u of r.unknown) io.out(`  ${u.tillId.padEnd(18)} ${u.outTradeNo}  ${yuan(u.amountFen)}  ${u.state}  ${age(u.ageMs)} old\n`);
  const behind = r.tills.filter((t) => t.stale || t.clockOff || t.refusedRows > 0);
  io.out(`tills: ${r.tills.length}, needing attention: ${behind.length}\n`);
  for (const t of r.tills) {
    const flags = [
      t.waiting > 0 ? `${t.waiting} event(s) not sent yet` : '',
      now - t.lastContactAtMs > 15 * 60_000 ? `not heard from for ${age(now - t.lastContactAtMs)}` : '',
      t.clockOff ? `clock off by ${hours(t.clockSkewMs)}` : '',
      t.refusedRows ? `${t.refusedRows} corrupted row(s) refused` : '',
    ].filter(Boolean);
    io.out(`  ${t.tillId.padEnd(18)} last contact ${age(now - t.lastContactAtMs)} ago, up to #${t.ackedSeq}${flags.length ? `  ← ${flags.join('; ')}` : ''}\n`);
  }
  if (r.refused.length) {
    io.out('refused journal rows (kept on the till, in its hq_quarantine table):\n');
    for (const x of r.refused) io.out(`  ${x.tillId} #${x.seq}: ${x.reason}\n`);
  }
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'reconcile') return (await import('./hqReconcile.ts')).runReconcile(rest, io);
  let values;
  let target: HqTarget;
  try {
    if (sub !== 'migrate' && sub !== 'report') throw new PosError('INVALID_ARGUMENT', `pos hq ${sub ?? ''}: say migrate, report or reconcile (pos hq --help)`);
    ({ values } = parse(rest, OPTIONS));
    target = targetOf(values);
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  let client: pg.Client | undefined;
  try {
    client = await connectHq(target, { applicationName: `pos hq ${sub}` });
    if (sub === 'migrate') {
      let to = HQ_SCHEMA_VERSION;
      if (values.to !== undefined) {
        if (!/^\d+$/.test(values.to) || Number(values.to) < 1 || Number(values.to) > HQ_SCHEMA_VERSION) throw new PosError('INVALID_ARGUMENT', `--to must be a schema version from 1 to ${HQ_SCHEMA_VERSION}`);
        to = Number(values.to);
      }
      const r = await migrateHq(client, to);
      if (json) io.out(`${JSON.stringify({ status: 'MIGRATED', ...r })}\n`);
      else io.out(r.applied.length ? `head office ${redactUrl(target.postgres)}: schema ${r.from} → ${r.to} (applied ${r.applied.join(', ')})\n` : `head office ${redactUrl(target.postgres)}: schema ${r.to}, already up to date\n`);
      return 0;
    }
    const day = values.date ?? shanghaiDay(Date.now());
    if (!isDay(day)) throw new PosError('INVALID_ARGUMENT', `--date ${day} is not a date like 2026-11-22`);
    const now = Date.now();
    const r = await hqReport(client, { day, storeId: values.store, training: values.training, nowMs: now });
    if (json) io.out(`${JSON.stringify(r)}\n`);
    else printReport(io, r, now);
    return 0;
  } catch (e) {
    const error = errorOf(unreachableWith(e instanceof PosError ? e : new PosError('HQ_UNREACHABLE', `head office failed: ${(e as Error).message}`, { cause: e }), runAgain(`pos hq ${sub}`)));
    if (json) io.out(`${JSON.stringify({ status: 'FAILED', error })}\n`);
    else io.err(`${error.message}\n${error.messageZh}\n`);
    return error.code === 'HQ_UNREACHABLE' ? 1 : 2;
  } finally {
    await client?.end().catch(() => undefined);
  }
}
