import { PosError } from '../../app/common/errors.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { isDay, shanghaiDay } from '../../app/common/time.ts';
import { reportReceipt } from '../../app/printing/journalReceipts.ts';
import { EXIT, parse, refuse, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';
import { PRINT_OPTIONS, emitReceipt } from '../printing.ts';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, { date: { type: 'string' }, kind: { type: 'string' }, ...PRINT_OPTIONS }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    trainingBanner(io, till, json);
    const day = values.date ?? shanghaiDay(Date.now());
    if (!isDay(day)) throw new PosError('INVALID_ARGUMENT', `--date ${day} is not a date like 2026-11-22`);
    const r = till.journal.report(day, till.training);
    if (values.kind !== undefined || values.print !== undefined || values.format !== undefined) {
      // The printed day (Z: close of day) or shift (X: running totals) report.
      const kind = values.kind ?? 'X';
      if (kind !== 'X' && kind !== 'Z') throw new PosError('INVALID_ARGUMENT', `--kind must be X (running totals) or Z (close of day), not "${kind}"`);
      const said = await emitReceipt(io, reportReceipt(till, day, kind, Date.now()), values);
      if (said) io.err(`${said}\n`);
      if (!json) return EXIT.SUCCESS;
    }
    if (json) {
      io.out(`${JSON.stringify({
        day: r.day,
        training: r.training,
        rows: r.rows.map((x) => ({ provider: x.provider, status: x.state, count: x.count, amount: fenToYuan(x.amountFen) })),
        paid: { count: r.paid.count, amount: fenToYuan(r.paid.amountFen) },
        refunds: { count: r.refunds.count, amount: fenToYuan(r.refunds.amountFen) },
        net: fenToYuan(r.netFen),
        unresolved: r.unresolved,
      })}\n`);
    } else {
      io.out(`${r.day}${r.training ? '  [TRAINING 培训]' : ''}\n`);
      for (const x of r.rows) io.out(`  ${x.provider.padEnd(9)} ${x.state.padEnd(10)} ${String(x.count).padStart(6)}  ¥${fenToYuan(x.amountFen).padStart(12)}\n`);
      io.out(`  paid      ${String(r.paid.count).padStart(17)}  ¥${fenToYuan(r.paid.amountFen).padStart(12)}\n`);
      io.out(`  refunds   ${String(r.refunds.count).padStart(17)}  ¥${fenToYuan(r.refunds.amountFen).padStart(12)}\n`);
      io.out(`  net       ${''.padStart(17)}  ¥${fenToYuan(r.netFen).padStart(12)}\n`);
      if (r.unresolved) io.out(`  ${r.unresolved} payment(s) not settled yet: run pos recover\n`);
    }
    return EXIT.SUCCESS;
  });
}
