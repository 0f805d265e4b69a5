import type { PaymentResult } from '../../app/checkout/PaymentResult.ts';
import { PosError } from '../../app/common/errors.ts';
import { fenToYuan, formatYuan } from '../../app/common/money.ts';
import { paidLines, readPaidDetail, type PaidLine } from '../../app/common/paidAmounts.ts';
import { CashierOnDuty } from '../../app/shift/CashierOnDuty.ts';
import { EXIT, parse, refuse, required, trainingBanner, withTill } from '../common.ts';
import type { Till } from '../../app/till.ts';
import type { CliIO } from '../io.ts';
import { runQr } from './payQr.ts';

/** WeChat Pay has no field for the not-for-promotions part (issue 12): said wherever the sale is reported, not only on screen. */
export const WECHAT_PART_NOTE = {
  message: 'WeChat Pay has no "not for promotions" field: this part is kept in the journal and on the receipt, not sent to WeChat',
  messageZh: '微信支付没有“不参与优惠金额”字段：此部分只记入账本和小票，未发送给微信',
} as const;

/** 顾客实付 and the rest when the paid answer differs from the total (issue 12), as `pos query` prints them. */
export function paidLinesOf(till: Till, r: PaymentResult): PaidLine[] {
  return r.status === 'SUCCESS' ? paidLines(readPaidDetail(till.journal.getAttempt(r.outTradeNo)?.paidDetail)) : [];
}

/** `paid`: the amount lines of a paid answer that differs from the total (paidLinesOf); printed under the result. */
export function printPayment(io: CliIO, r: PaymentResult, json: boolean, extra: Record<string, unknown> = {}, paid: PaidLine[] = []): number {
  const partNotSent = (r.undiscountableFen ?? 0) > 0 && r.provider === 'wechat';
  if (json) {
    io.out(`${JSON.stringify({ ...extra, ...(paid.length ? { paid: Object.fromEntries(paid.map((l) => [l.key, fenToYuan(l.fen)])) } : {}), ...(partNotSent ? { undiscountableNotSent: WECHAT_PART_NOTE } : {}), status: r.status, outTradeNo: r.outTradeNo, tradeNo: r.tradeNo, amount: r.amount, provider: r.provider, training: r.training, state: r.state, buyer: r.buyer, cancelAction: r.cancelAction, cancelReason: r.cancelReason ?? null, ...(r.undiscountableFen ? { undiscountable: fenToYuan(r.undiscountableFen) } : {}), ...(r.cashier ? { cashier: r.cashier } : {}), ...(r.heldElsewhere ? { heldElsewhere: r.heldElsewhere } : {}), ...(r.error ? { error: { code: r.error.code, message: r.error.message, messageZh: r.error.messageZh } } : {}) })}\n`);
  } else {
    io.out(`${r.status}${r.training ? ' [TRAINING 培训]' : ''}  ${formatYuan(r.amountFen)}  ${r.provider}  out_trade_no ${r.outTradeNo}${r.tradeNo ? `  trade_no ${r.tradeNo}` : ''}${r.buyer ? `  buyer ${r.buyer}` : ''}\n`);
    if (r.error && r.status !== 'SUCCESS') io.out(`  ${r.error.message}\n  ${r.error.messageZh}\n`);
    for (const l of paid) io.out(`  ${l.zh} ${l.en}`.padEnd(34) + `${formatYuan(l.fen)}\n`);
    if (r.undiscountableFen) io.out(`  ${'不参与优惠 not for promotions'.padEnd(32)}${formatYuan(r.undiscountableFen)}\n`);
    if (partNotSent) io.out(`  ${WECHAT_PART_NOTE.message}\n  ${WECHAT_PART_NOTE.messageZh}\n`);
  }
  return EXIT[r.status];
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  // `pos pay --qr`: the customer scans the till's code instead (issue 11).
  if (argv.includes('--qr')) return runQr(argv, io);
  let values;
  try {
    ({ values } = parse(argv, { amount: { type: 'string' }, code: { type: 'string' }, subject: { type: 'string' }, undiscountable: { type: 'string' }, operator: { type: 'string' }, 'after-recovered': { type: 'boolean', default: false } }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    // Everything checkable is checked before any request: a refused input sends nothing.
    // The cashier: --operator, else the one signed in on this data folder's screen (issue 12).
    const cashier = cashierFor(till, values.operator);
    const { provider } = till.checkout.validate({ amount: required(values.amount, '--amount'), code: required(values.code, '--code'), subject: values.subject, undiscountable: values.undiscountable, cashier });
    trainingBanner(io, till, json, provider);
    await recoverBeforeSale(io, till, json, values['after-recovered']);
    // Ctrl-C while the customer is confirming is the cashier's cancel key, not an abandoned payment.
    const onSigint = () => {
      if (!till.checkout.requestCancel()) process.exitCode = EXIT.UNKNOWN;
      io.err('cancelling at the gateway…\n');
    };
    process.on('SIGINT', onSigint);
    try {
      const r = await till.checkout.pay({ amount: values.amount!, code: values.code!, subject: values.subject, undiscountable: values.undiscountable, cashier, recovered: values['after-recovered'] ? 'go-on' : 'refuse' });
      return printPayment(io, r, json, {}, paidLinesOf(till, r));
    } finally {
      process.off('SIGINT', onSigint);
    }
  }, json ? undefined : progress(io));
}

/** `--operator ID` (checked against cashiers.list when the shop has one), else the cashier signed in on screen. */
export function cashierFor(till: Till, operator: string | undefined): string | undefined {
  return new CashierOnDuty(till.config.dataDir, till.config.cashiers).forPayment(operator);
}

/**
 * A payment left open (a crash, a killed command) is settled first; one another live process is
 * settling is left to it (ATTEMPT_UNRESOLVED names it). If that settles something as PAID, the new
 * sale is not charged unless the cashier says so (issue 8 item 4).
 */
export async function recoverBeforeSale(io: CliIO, till: Till, json: boolean, afterRecovered: boolean | undefined): Promise<void> {
  const { recovered, paid } = await till.checkout.recoverBeforeSale();
  if (!json) for (const p of recovered) io.err(`recovered: ${p.status}  ${formatYuan(p.amountFen)}  out_trade_no ${p.outTradeNo}\n`);
  if (paid.length > 0 && !afterRecovered) {
    // The killed command's customer may be the one standing here with a fresh code (issue 8 item 4):
    // charging now could take the same sale twice. The cashier checks, then runs it again.
    const list = paid.map((p) => `${p.outTradeNo} (${formatYuan(p.amountFen)})`).join(', ');
    throw new PosError('RECOVERED_PAID', `the recovery pass found payment ${list} PAID; this code was not charged — if that was this customer's sale, do not charge again; otherwise run again with --after-recovered`, {
      detailZh: `恢复流程确认支付 ${list} 已收款；本次未扣款——如该笔就是这位顾客的消费，请勿重复收款；否则加 --after-recovered 再次执行`,
      details: { recovered: paid.map((p) => ({ outTradeNo: p.outTradeNo, amount: p.amount, amountFen: p.amountFen, tradeNo: p.tradeNo })) },
    });
  }
}

/** What the cashier is waiting for, as it changes (stderr, so stdout stays the result). */
function progress(io: CliIO): (r: PaymentResult) => void {
  const said = (state: string, provider: string): string | undefined => {
    const [en, zh] = provider === 'wechat' ? ['WeChat Pay', '微信支付'] : ['Alipay', '支付宝'];
    if (state === 'WAITING') return 'waiting for the customer to confirm on the phone… (Ctrl-C cancels) 等待顾客在手机上确认';
    if (state === 'QUERYING') return `the answer was unclear: asking ${en} what happened… 正在向${zh}查询`;
    if (state === 'CANCELLING') return `cancelling at ${en}… 正在撤销`;
    return undefined;
  };
  let last = '';
  return (r) => {
    const line = said(r.state, r.provider);
    if (line && r.state !== last) io.err(`${line}\n`);
    last = r.state;
  };
}
