// pos hq reconcile --date YYYY-MM-DD [--provider alipay|wechat] [--csv FILE] [--json]: the chain's
// bill reconciliation (issue 13). One bill, fetched once with this machine's configured provider
// credentials exactly as `pos reconcile` fetches it (and kept raw in its data folder), matched
// against every till's records at head office. Run on a till, or on any machine configured like
// one (merchant credentials + the "hq" section). Exit 0: everything matched and every till synced
// up to the end of the day; 1: differences, or tills not synced (listed); 2: refused (bad date, no
// bill yet, a bad bill, head office unreachable or its schema too old) — nothing is changed anywhere.
import { writeFileSync } from 'node:fs';
import type pg from 'pg';
import { PosError } from '../../app/common/errors.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { displayWidth } from '../../app/common/receipt/width.ts';
import { shanghaiDay } from '../../app/common/time.ts';
import { loadConfig } from '../../app/config/config.ts';
import { connectHq } from '../../app/hq/hqConnection.ts';
import { runAgain, unreachableWith } from '../../app/hq/hqUnreachable.ts';
import { reconcileChain, type BillShare, type ChainReconciliation } from '../../app/hq/hqReconcile.ts';
import { CHAIN_KIND_ZH, chainReconciliationCsv } from '../../app/hq/hqReconcileCsv.ts';
import { openTill, type Till } from '../../app/till.ts';
import { EXIT, parse, refuse, trainingBanner } from '../common.ts';
import type { CliIO } from '../io.ts';
import { targetOf } from './hq.ts';

export const OPTIONS = {
  postgres: { type: 'string' },
  'password-file': { type: 'string' },
  date: { type: 'string' },
  provider: { type: 'string' },
  csv: { type: 'string' },
} as const;

export async function runReconcile(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, OPTIONS));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  let till: Till | undefined;
  let client: pg.Client | undefined;
  try {
    const provider = values.provider ?? 'alipay';
    if (provider !== 'alipay' && provider !== 'wechat') throw new PosError('INVALID_ARGUMENT', `--provider must be alipay or wechat, not "${provider}"`, { detailZh: `--provider 只能是 alipay 或 wechat，收到 "${provider}"` });
    const day = values.date ?? shanghaiDay(Date.now() - 86_400_000);
    const target = targetOf(values);
    const config = loadConfig(values.config);
    till = await openTill(config);
    trainingBanner(io, till, json, provider);
    const source = till.reconciler.billSource(provider);
    client = await connectHq(target, { applicationName: 'pos hq reconcile', queryTimeoutMs: 300_000 });
    const r = await reconcileChain({ client, source, day, training: till.training, dataDir: config.dataDir });
    if (values.csv !== undefined) writeFileSync(values.csv, chainReconciliationCsv(r));
    if (json) io.out(`${JSON.stringify(chainJson(r))}\n`);
    else printChain(io, r, values.csv);
    return statusOf(r) === 'MATCHED' ? EXIT.SUCCESS : EXIT.FAILED;
  } catch (e) {
    // The command is over: say so, and what to do (not the syncer's "retries by itself").
    return refuse(io, json, unreachableWith(e instanceof PosError ? e : new PosError('HQ_UNREACHABLE', `head office failed: ${(e as Error).message}`, { cause: e }), runAgain('pos hq reconcile')));
  } finally {
    await client?.end().catch(() => undefined);
    await till?.close();
  }
}

/** DIFFERENCES outranks INCOMPLETE: a difference is there whoever has synced; all agreeing while a till is behind is not yet an answer. */
export function statusOf(r: ChainReconciliation): 'MATCHED' | 'DIFFERENCES' | 'INCOMPLETE' {
  if (r.differences.length > 0) return 'DIFFERENCES';
  return r.unsynced.length > 0 || r.unknownTags.length > 0 ? 'INCOMPLETE' : 'MATCHED';
}

const y = (fen: number | null) => (fen === null ? null : fenToYuan(fen));
const tallyJson = (t: { count: number; amountFen: number }) => ({ count: t.count, amount: fenToYuan(t.amountFen), amountFen: t.amountFen });

const shareJson = (b: BillShare) => ({ payments: tallyJson(b.payments), refunds: tallyJson(b.refunds), received: fenToYuan(b.receivedFen), fee: fenToYuan(b.feeFen), feeMilliFen: b.feeMilliFen });

export function chainJson(r: ChainReconciliation): Record<string, unknown> {
  return {
    status: statusOf(r),
    scope: 'chain',
    day: r.day,
    provider: r.provider,
    training: r.training,
    rawFile: r.rawPath,
    payments: { matched: tallyJson(r.payments.matched), inBillNotInTill: tallyJson(r.payments.inBillNotInTill), inTillNotInBill: tallyJson(r.payments.inTillNotInBill), amountDiffers: r.payments.amountDiffers, ambiguous: tallyJson(r.ambiguous.payments) },
    refunds: { matched: tallyJson(r.refunds.matched), inBillNotInTill: tallyJson(r.refunds.inBillNotInTill), inTillNotInBill: tallyJson(r.refunds.inTillNotInBill), amountDiffers: r.refunds.amountDiffers, ambiguous: tallyJson(r.ambiguous.refunds) },
    bill: { ...r.bill, received: fenToYuan(r.bill.receivedFen) },
    fees: { fee: fenToYuan(r.fees.feeFen), feeFen: r.fees.feeFen, feeMilliFen: r.fees.feeMilliFen },
    netSettled: fenToYuan(r.netSettledFen),
    netSettledFen: r.netSettledFen,
    tills: r.tills.map((t) => ({ ...t, bill: shareJson(t.bill), till: { payments: tallyJson(t.till.payments), refunds: tallyJson(t.till.refunds) } })),
    unsynced: r.unsynced.map((t) => ({ tillId: t.tillId, storeId: t.storeId, lastContactAtMs: t.lastContactAtMs, waiting: t.waiting, why: t.why, whyZh: t.whyZh })),
    unknownTags: r.unknownTags.map((u) => ({ tag: u.tag, ...shareJson(u) })),
    unattributed: shareJson(r.unattributed),
    ambiguousLines: shareJson(r.ambiguousLines),
    tagClashes: r.tagClashes,
    differences: r.differences.map((d) => ({ ...d, billAmount: y(d.billAmountFen), tillAmount: y(d.tillAmountFen), candidates: d.candidates.map((c) => ({ ...c, amount: fenToYuan(c.amountFen) })) })),
  };
}

/** One side of a till's row in the by-till table: whose figures they are is on the line (try item 14). */
export function tillRow(name: string, store: string, side: string, t: { payments: { count: number; amountFen: number }; refunds: { count: number; amountFen: number } }): string {
  const money = (fen: number) => `¥${fenToYuan(fen).padStart(12)}`;
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
  return `  ${name.padEnd(22)} ${store.padEnd(6)} ${pad(side, 11)} paid ${String(t.payments.count).padStart(5)} ${money(t.payments.amountFen)}  refunds ${String(t.refunds.count).padStart(4)} ${money(t.refunds.amountFen)}`;
}

function printChain(io: CliIO, r: ChainReconciliation, csv: string | undefined): void {
  const money = (fen: number) => `¥${fenToYuan(fen).padStart(12)}`;
  const line = (label: string, t: { count: number; amountFen: number }) => io.out(`  ${label.padEnd(34)} ${String(t.count).padStart(6)}  ${money(t.amountFen)}\n`);
  io.out(`${r.day} ${r.provider === 'alipay' ? '支付宝 Alipay' : '微信支付 WeChat Pay'} 全连锁对账 chain reconciliation, ${r.tills.length} till(s)${r.training ? '  [TRAINING 培训]' : ''}\n`);
  line('已核对支付 matched payments', r.payments.matched);
  line('已核对退款 matched refunds', r.refunds.matched);
  if (r.payments.inBillNotInTill.count) line('账单有、连锁无 payments bill only', r.payments.inBillNotInTill);
  if (r.payments.inTillNotInBill.count) line('连锁有、账单无 payments chain only', r.payments.inTillNotInBill);
  if (r.refunds.inBillNotInTill.count) line('账单有、连锁无 refunds bill only', r.refunds.inBillNotInTill);
  if (r.refunds.inTillNotInBill.count) line('连锁有、账单无 refunds chain only', r.refunds.inTillNotInBill);
  if (r.ambiguous.payments.count + r.ambiguous.refunds.count) line('多台同号 ambiguous lines', { count: r.ambiguous.payments.count + r.ambiguous.refunds.count, amountFen: r.ambiguous.payments.amountFen + r.ambiguous.refunds.amountFen });
  io.out(`  ${'商家实收 received'.padEnd(34)} ${''.padStart(6)}  ${money(r.bill.receivedFen)}\n`);
  io.out(`  ${'手续费 fees'.padEnd(34)} ${''.padStart(6)}  ${money(r.fees.feeFen)}\n`);
  io.out(`  ${'结算净额 net settled'.padEnd(34)} ${''.padStart(6)}  ${money(r.netSettledFen)}\n`);
  io.out('by till 各收银台 (账单 bill = the bill\'s lines of the till; 收银台 till = what the till itself recorded):\n');
  const row = (name: string, store: string, b: BillShare, tail: string) => io.out(`${tillRow(name, store, '账单 bill', b)}  fees ${money(b.feeFen)}${tail}\n`);
  for (const t of r.tills) {
    row(t.tillId, t.storeId, t.bill, `  differences ${t.differences}${t.synced ? '' : '  ← not synced 未同步'}`);
    io.out(`${tillRow('', '', '收银台 till', t.till)}\n`);
  }
  // The bill's other lines, so the rows add up to the bill (fees rounded per row, the day's once).
  if (r.ambiguousLines.payments.count + r.ambiguousLines.refunds.count) row('(多台同号 ambiguous)', '', r.ambiguousLines, '');
  for (const u of r.unknownTags) row(`(tag ${u.tag}, unknown)`, '', u, '');
  if (r.unattributed.payments.count + r.unattributed.refunds.count) row('(无收银台 no till)', '', r.unattributed, '');
  if (r.unsynced.length) {
    io.out(`tills not synced up to the end of the day 未同步至日终的收银台: ${r.unsynced.length} (their differences may only be that)\n`);
    for (const t of r.unsynced) io.out(`  ${t.tillId}: ${t.why}\n    ${t.whyZh}\n`);
  }
  for (const u of r.unknownTags) io.out(`  bill lines of till tag ${u.tag}, a till head office does not know 总部未知的收银台: ${u.payments.count} payment(s), ${u.refunds.count} refund(s)\n`);
  for (const c of r.tagClashes) io.out(`  till ids written alike in out_trade_no (${c.tag}): ${c.tillIds.join(', ')} — give one of them another till.id\n`);
  if (r.differences.length === 0) io.out('  账单与全部收银台一致 the bill and every till agree\n');
  else {
    io.out(`  ${r.differences.length} 处差异 difference(s):\n`);
    for (const d of r.differences) {
      const where = d.tillId ? `${d.storeId ?? '?'}/${d.tillId}${d.attributedBy === 'number' ? ' (by its number)' : ''}` : d.candidates.length ? `tills ${d.candidates.map((c) => `${c.tillId} ${c.state} ${fenToYuan(c.amountFen)}`).join(', ')}` : '(no till known)';
      const amounts = `bill ${y(d.billAmountFen) ?? '-'} / till ${y(d.tillAmountFen) ?? '-'}`;
      io.out(`    ${CHAIN_KIND_ZH[d.kind]} ${d.kind.padEnd(20)} ${d.what.padEnd(7)} ${d.outTradeNo}${d.outRefundNo ? ` ${d.outRefundNo}` : ''}  ${amounts}  till: ${d.tillState ?? '(none)'}  ${where}${d.tillUnsynced ? '  [till not synced 未同步]' : ''}\n`);
    }
  }
  io.out(`  bill file: ${r.rawPath}\n`);
  if (csv !== undefined) io.out(`  CSV: ${csv}\n`);
}
