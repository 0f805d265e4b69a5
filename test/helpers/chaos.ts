// Randomized cross-process trials (issue 8 "Done when"): one sale at a till whose data folder two to
// five `pos` processes share — the paying command, `pos query`, a cron'd `pos recover`, and the
// cashier re-scanning after a crash — with random kills and random gateway delays. After each
// trial everything is settled and the journal is held against the gateway's own books:
//   lost    the gateway kept the money, the journal does not say SUCCESS
//   phantom the journal says SUCCESS, the gateway did not keep the money
//   double  one sale charged (and kept) more than once
//   stuck   still not final after the closing recovery pass
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pos, startPos, type PosRun } from './runPos.ts';
import { posTill } from './posTill.ts';
import { code } from './trainingTill.ts';

/** mulberry32: a small seeded PRNG, so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ChaosTotals = { trials: number; processes: number; kills: number; lost: number; phantom: number; double: number; stuck: number; notes: string[] };

const BEHAVIOURS = ['00', '01', '01', '02', '05', '06', '07', '08', '09', '10', '03'];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function trial(rand: () => number, n: number, totals: ChaosTotals): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'till-chaos-'));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => Math.floor(lo + rand() * (hi - lo));
  const till = await posTill(dir, { waitSeconds: 5, pollIntervalMs: 300, requestTimeoutMs: 1500, leaseMs: 1500 }, { paysAfterMs: between(200, 4000), slowAnswerMs: 2500 });
  // Gateway delays come from their own stream: calls arrive in an order the seed does not fix.
  const delays = prng(Math.floor(rand() * 2 ** 32));
  till.hooks = {
    beforeHandle: () => sleep(Math.floor(delays() * 250)),
    beforeAnswer: () => sleep(Math.floor(delays() * 250)),
  };
  const behaviour = pick(BEHAVIOURS);
  const amount = `${between(1, 500)}.${String(between(0, 100)).padStart(2, '0')}`;
  const runs: Array<Promise<PosRun>> = [];
  let codeSerial = 0;
  const freshCode = (suffix: string) => code(suffix, `28763443825${String(66_000 + n * 10 + codeSerial++).padStart(5, '0')}`);
  const spawn = (args: string[], killAfterMs: number | undefined, onKilled?: () => void): void => {
    totals.processes++;
    if (process.env.CHAOS_DEBUG) console.log('spawn', args.join(' '), killAfterMs);
    const p = startPos([args[0]!, '--config', till.config, '--json', ...args.slice(1)]);
    const child: ChildProcess = p.child;
    if (killAfterMs !== undefined) {
      const t = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          totals.kills++;
          onKilled?.();
        }
      }, killAfterMs);
      void p.done.then(() => clearTimeout(t));
    }
    runs.push(p.done);
  };
  let firstNo: string | undefined;
  void till.seen((c) => c.method === 'alipay.trade.pay').then((c) => (firstNo = c.outTradeNo));
  const extra = between(1, 5); // 2–5 processes in all
  // The sale: killed at a random moment with probability 0.7; the cashier then mostly re-scans a fresh code.
  const rescan = () => spawn(['pay', '--amount', amount, '--code', freshCode(pick(BEHAVIOURS))], rand() < 0.3 ? between(200, 4000) : undefined);
  spawn(['pay', '--amount', amount, '--code', freshCode(behaviour)], rand() < 0.7 ? between(100, 6000) : undefined, () => { if (rand() < 0.8) rescan(); });
  for (let i = 0; i < extra - 1; i++) {
    await sleep(between(0, 1500));
    if (rand() < 0.5 && firstNo) spawn(['query', '--out-trade-no', firstNo], rand() < 0.4 ? between(50, 3000) : undefined);
    else spawn(['recover'], rand() < 0.4 ? between(50, 4000) : undefined);
  }
  // Every process ends (killed or done); re-scans started by kills are awaited too.
  for (let i = 0; i < runs.length; i++) await runs[i];
  // The closing pass: recovery until nothing is open (dead owners' leases are taken at once).
  for (let i = 0; i < 4; i++) {
    const r = await pos(['recover', '--config', till.config, '--json']);
    if (r.json && r.json.unresolved === 0 && (r.json.held as unknown[] | undefined)?.length === 0) break;
    await sleep(1600);
  }
  const journal = till.journal();
  const attempts = journal.listAttempts({ limit: 100 });
  journal.close();
  const gw = new Database(join(dir, 'gateway.db'), { readonly: true });
  const trades = new Map((gw.prepare('SELECT out_trade_no, status, charges, refunded_fen FROM trades').all() as Array<{ out_trade_no: string; status: string; charges: number; refunded_fen: number }>).map((t) => [t.out_trade_no, t]));
  gw.close();
  let kept = 0;
  for (const a of attempts) {
    const t = trades.get(a.outTradeNo);
    const keptMoney = t !== undefined && t.status === 'TRADE_SUCCESS';
    if (keptMoney) kept++;
    const where = `trial ${n} (${behaviour}) ${a.outTradeNo}: journal ${a.state}, gateway ${t ? `${t.status} charges ${t.charges}` : 'none'}`;
    if (keptMoney && a.state !== 'SUCCESS') { totals.lost++; totals.notes.push(`lost: ${where}`); }
    if (a.state === 'SUCCESS' && !keptMoney) { totals.phantom++; totals.notes.push(`phantom: ${where}`); }
    if (!['SUCCESS', 'FAILED', 'CANCELLED'].includes(a.state)) { totals.stuck++; totals.notes.push(`stuck: ${where}`); }
  }
  if (kept > 1) { totals.double++; totals.notes.push(`double: trial ${n} kept ${kept} charges for one sale`); }
  totals.trials++;
  await till.close();
  rmSync(dir, { recursive: true, force: true });
}

export async function runChaos(o: { seed: number; trials: number }): Promise<ChaosTotals> {
  const rand = prng(o.seed);
  const totals: ChaosTotals = { trials: 0, processes: 0, kills: 0, lost: 0, phantom: 0, double: 0, stuck: 0, notes: [] };
  for (let i = 0; i < o.trials; i++) await trial(rand, i, totals);
  return totals;
}

export function summaryLine(seed: number, t: ChaosTotals): string {
  return `randomized cross-process: seed ${seed}, ${t.trials} trials, ${t.processes} processes, ${t.kills} kills — lost ${t.lost}, phantom ${t.phantom}, double ${t.double}, stuck ${t.stuck}`;
}
