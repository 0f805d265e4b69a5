import { PosError } from '../../app/common/errors.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { isDay, shanghaiDateTime, shanghaiDay } from '../../app/common/time.ts';
import type { DayReport, PeriodReport } from '../../app/journal/JournalStore.ts';
import { reportReceipt } from '../../app/printing/journalReceipts.ts';
import { CashierOnDuty } from '../../app/shift/CashierOnDuty.ts';
import { EXIT, parse, refuse, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';
import { PRINT_OPTIONS, emitReceipt } from '../printing.ts';
import { cashbackJson, cashbackReportLines } from '../cashbackLines.ts';

// What `pos report` shows (issue 8 item 6): by default the open business period — everything
// booked since the last Z — so after a Z the report and the Z's reprint agree, and a later sale
// shows here and in the next Z. `--period N` is a closed period (the Z numbered N); `--date D` the
// calendar day D (payments by their payment time, as Alipay's bill). `--kind Z` closes the period.
export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, { date: { type: 'string' }, kind: { type: 'string' }, period: { type: 'string' }, ...PRINT_OPTIONS }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    trainingBanner(io, till, json);
    if (values.date !== undefined && !isDay(values.date)) throw new PosError('INVALID_ARGUMENT', `--date ${values.date} is not a date like 2026-11-22`);
    if (values.period !== undefined && !/^[1-9]\d{0,8}$/.test(values.period)) throw new PosError('INVALID_ARGUMENT', `--period must be a Z number like 3, not "${values.period}"`);
    if (values.period !== undefined && values.date !== undefined) throw new PosError('INVALID_ARGUMENT', '--period and --date are two different reports; give one');
    const day = values.date ?? shanghaiDay(Date.now());
    let r: DayReport | PeriodReport;
    if (values.kind !== undefined || values.print !== undefined || values.format !== undefined) {
      // The printed report: X (the open period's running totals) or Z (closes it, numbered).
      const kind = values.kind ?? 'X';
      if (kind !== 'X' && kind !== 'Z') throw new PosError('INVALID_ARGUMENT', `--kind must be X (running totals) or Z (close of day), not "${kind}"`);
      const receipt = reportReceipt(till, day, kind, Date.now());
      // The Z ends the shift, here as on the F5 screen: the cashier on duty is signed out (issue 12).
      if (kind === 'Z') new CashierOnDuty(till.config.dataDir, till.config.cashiers).signOut();
      const said = await emitReceipt(io, receipt, values);
      if (said) io.err(`${said}\n`);
      if (!json) return EXIT.SUCCESS;
      // Z: the closure as stored (a reprint shows the totals as they were), numbered as its period.
      const closure = kind === 'Z' ? till.journal.closeDay(day, till.training, Date.now()) : undefined;
      r = closure ? { ...closure.report, period: closure.zNumber, closed: { zNumber: closure.zNumber, closedAt: closure.closedAt }, since: null } : till.journal.periodReport(till.training);
    } else if (values.date !== undefined) {
      r = till.journal.report(day, till.training);
    } else {
      const period = values.period === undefined ? undefined : Number(values.period);
      const pr = till.journal.periodReport(till.training, period);
      r = pr;
      if (period !== undefined && pr.closed === null && period !== till.journal.periodReport(till.training).period) {
        throw new PosError('NOT_FOUND', `there is no Z number ${period} yet`, { detailZh: `尚无第 ${period} 号日结` });
      }
    }
    const p = 'period' in r ? r : undefined;
    const cashback = till.cashback?.report(r.day || day, till.training);
    if (json) {
      io.out(`${JSON.stringify({
        day: r.day || day,
        ...(p ? { period: p.period, closed: p.closed, since: p.since } : {}),
        training: r.training,
        rows: r.rows.map((x) => ({ provider: x.provider, status: x.state, count: x.count, amount: fenToYuan(x.amountFen) })),
        paid: { count: r.paid.count, amount: fenToYuan(r.paid.amountFen) },
        refunds: { count: r.refunds.count, amount: fenToYuan(r.refunds.amountFen) },
        net: fenToYuan(r.netFen),
        unresolved: r.unresolved,
        // Who was on duty (issue 12): paid payments and refunds by cashier; null = nobody signed in.
        ...(r.cashiers ? { cashiers: r.cashiers.map((c) => ({ cashier: c.cashier, paid: { count: c.paid.count, amount: fenToYuan(c.paid.amountFen) }, refunds: { count: c.refunds.count, amount: fenToYuan(c.refunds.amountFen) } })) } : {}),
        ...(cashback ? { cashback: cashbackJson(cashback) } : {}),
      })}\n`);
    } else {
      const title = !p ? r.day
        : p.closed ? `Z #${p.closed.zNumber}  ${r.day}  closed ${shanghaiDateTime(p.closed.closedAt)}`
        : `period ${p.period} (open${p.since !== null ? `, since Z #${p.period - 1} at ${shanghaiDateTime(p.since)}` : ''})`;
      io.out(`${title}${r.training ? '  [TRAINING 培训]' : ''}\n`);
      for (const x of r.rows) io.out(`  ${x.provider.padEnd(9)} ${x.state.padEnd(10)} ${String(x.count).padStart(6)}  ¥${fenToYuan(x.amountFen).padStart(12)}\n`);
      io.out(`  paid      ${String(r.paid.count).padStart(17)}  ¥${fenToYuan(r.paid.amountFen).padStart(12)}\n`);
      io.out(`  refunds   ${String(r.refunds.count).padStart(17)}  ¥${fenToYuan(r.refunds.amountFen).padStart(12)}\n`);
      io.out(`  net       ${''.padStart(17)}  ¥${fenToYuan(r.netFen).padStart(12)}\n`);
      if (r.unresolved) io.out(`  ${r.unresolved} payment(s) or refund(s) not settled yet: run pos recover (a Z close waits for them)\n`);
      if (r.cashiers?.some((c) => c.cashier !== null)) {
        for (const c of r.cashiers) io.out(`  cashier ${(c.cashier ?? '(none)').padEnd(12)} paid ${String(c.paid.count).padStart(4)}  ¥${fenToYuan(c.paid.amountFen).padStart(12)}  refunds ${String(c.refunds.count).padStart(3)}  ¥${fenToYuan(c.refunds.amountFen).padStart(10)}\n`);
      }
      if (cashback) io.out(cashbackReportLines(cashback));
    }
    return EXIT.SUCCESS;
  });
}
