// pos reconcile --date YYYY-MM-DD [--provider alipay|wechat] [--json] [--csv FILE]: fetch the
// provider's bill for the day, keep it in the data folder, match it with the journal (read only).
// Exit 0: everything matched; 1: differences found (listed); 2: refused (bad date, no bill yet,
// a bad bill file) — nothing of the journal is changed in any case.
import { writeFileSync } from 'node:fs';
import { PosError } from '../../app/common/errors.ts';
import { fenToYuan } from '../../app/common/money.ts';
import { shanghaiDay } from '../../app/common/time.ts';
import { reconciliationCsv, KIND_ZH } from '../../app/reconcile/csv.ts';
import type { DayReconciliation } from '../../app/reconcile/reconcileDay.ts';
import { EXIT, parse, refuse, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';

export const USAGE = '--date YYYY-MM-DD [--provider alipay|wechat] [--csv FILE] [--config FILE] [--json]';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, { date: { type: 'string' }, provider: { type: 'string' }, csv: { type: 'string' } }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    const day = values.date ?? shanghaiDay(Date.now() - 86_400_000);
    const provider = values.provider ?? 'alipay';
    if (provider !== 'alipay' && provider !== 'wechat') throw new PosError('INVALID_ARGUMENT', `--provider must be alipay or wechat, not "${provider}"`, { detailZh: `--provider 只能是 alipay 或 wechat，收到 "${provider}"` });
    trainingBanner(io, till, json, provider);
    const r = await till.reconciler.run(day, provider);
    if (values.csv !== undefined) writeFileSync(values.csv, reconciliationCsv(r));
    if (json) io.out(`${JSON.stringify(toJson(r))}\n`);
    else printText(io, r, values.csv);
    return r.differences.length === 0 ? EXIT.SUCCESS : EXIT.FAILED;
  });
}

const y = (fen: number | null) => (fen === null ? null : fenToYuan(fen));

export function toJson(r: DayReconciliation): Record<string, unknown> {
  const tally = (t: { count: number; amountFen: number }) => ({ count: t.count, amount: fenToYuan(t.amountFen), amountFen: t.amountFen });
  return {
    status: r.differences.length === 0 ? 'MATCHED' : 'DIFFERENCES',
    day: r.day,
    provider: r.provider,
    training: r.training,
    rawFile: r.rawPath,
    payments: { matched: tally(r.payments.matched), inBillNotInTill: tally(r.payments.inBillNotInTill), inTillNotInBill: tally(r.payments.inTillNotInBill), amountDiffers: r.payments.amountDiffers },
    refunds: { matched: tally(r.refunds.matched), inBillNotInTill: tally(r.refunds.inBillNotInTill), inTillNotInBill: tally(r.refunds.inTillNotInBill), amountDiffers: r.refunds.amountDiffers },
    otherTills: tally(r.otherTills),
    bill: { ...r.bill, received: fenToYuan(r.bill.receivedFen) },
    fees: { fee: fenToYuan(r.fees.feeFen), feeFen: r.fees.feeFen, feeMilliFen: r.fees.feeMilliFen },
    netSettled: fenToYuan(r.netSettledFen),
    netSettledFen: r.netSettledFen,
    differences: r.differences.map((d) => ({ ...d, billAmount: y(d.billAmountFen), tillAmount: y(d.tillAmountFen) })),
  };
}

function printText(io: CliIO, r: DayReconciliation, csv: string | undefined): void {
  const line = (label: string, t: { count: number; amountFen: number }) => io.out(`  ${label.padEnd(30)} ${String(t.count).padStart(6)}  ¥${fenToYuan(t.amountFen).padStart(12)}\n`);
  io.out(`${r.day} ${r.provider === 'alipay' ? '支付宝 Alipay' : '微信支付 WeChat Pay'} 对账 reconciliation${r.training ? '  [TRAINING 培训]' : ''}\n`);
  line('已核对支付 matched payments', r.payments.matched);
  line('已核对退款 matched refunds', r.refunds.matched);
  if (r.otherTills.count) line('其他收银台 other tills', r.otherTills);
  io.out(`  ${'商家实收 received'.padEnd(30)} ${''.padStart(6)}  ¥${fenToYuan(r.bill.receivedFen).padStart(12)}\n`);
  io.out(`  ${'手续费 fees'.padEnd(30)} ${''.padStart(6)}  ¥${fenToYuan(r.fees.feeFen).padStart(12)}\n`);
  io.out(`  ${'结算净额 net settled'.padEnd(30)} ${''.padStart(6)}  ¥${fenToYuan(r.netSettledFen).padStart(12)}\n`);
  if (r.differences.length === 0) io.out('  账单与收银台一致 the bill and the till agree\n');
  else {
    io.out(`  ${r.differences.length} 处差异 difference(s):\n`);
    for (const d of r.differences) {
      const amounts = `bill ${y(d.billAmountFen) ?? '-'} / till ${y(d.tillAmountFen) ?? '-'}`;
      io.out(`    ${KIND_ZH[d.kind]} ${d.kind.padEnd(20)} ${d.what.padEnd(7)} ${d.outTradeNo}${d.outRefundNo ? ` ${d.outRefundNo}` : ''}  ${amounts}  till: ${d.tillState ?? '(none)'}\n`);
    }
  }
  io.out(`  bill file: ${r.rawPath}\n`);
  if (csv !== undefined) io.out(`  CSV: ${csv}\n`);
}
