// `pos pay --qr --amount 12.34 [--provider alipay|wechat] [--qr-png FILE] [--json]` (issue 11): the
// customer scans the till's QR code. The code is printed in the terminal (standard error, so
// standard output stays the result) and, with --json, announced as one line on standard output
// the moment it exists; the result object comes last, as for barcode pay. Ctrl-C closes the QR.
import QRCode from 'qrcode';
import type { PaymentResult } from '../../app/checkout/PaymentResult.ts';
import { PosError } from '../../app/common/errors.ts';
import type { Provider } from '../../app/common/codes.ts';
import { formatYuan } from '../../app/common/money.ts';
import { EXIT, parse, refuse, required, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';
import { cashierFor, paidLinesOf, printPayment, recoverBeforeSale } from './pay.ts';

const PROVIDERS: readonly Provider[] = ['alipay', 'wechat'];

export async function runQr(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, {
      qr: { type: 'boolean', default: false }, amount: { type: 'string' }, provider: { type: 'string' }, subject: { type: 'string' },
      'qr-png': { type: 'string' }, 'after-recovered': { type: 'boolean', default: false }, undiscountable: { type: 'string' }, operator: { type: 'string' },
    }));
    if (values.provider !== undefined && !PROVIDERS.includes(values.provider as Provider)) {
      throw new PosError('INVALID_ARGUMENT', `--provider must be alipay or wechat, got ${JSON.stringify(values.provider)}`, { detailZh: `--provider 只能是 alipay 或 wechat` });
    }
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  const pngPath = values['qr-png'];
  const shown = new Set<string>();
  let showing: Promise<void> = Promise.resolve();
  const onChange = (r: PaymentResult) => {
    if (!r.qr || shown.has(r.outTradeNo)) return;
    shown.add(r.outTradeNo);
    const qr = r.qr;
    showing = (async () => {
      if (json) io.out(`${JSON.stringify({ event: 'qr', provider: r.provider, outTradeNo: r.outTradeNo, qrCode: qr.code, expiresAt: new Date(qr.expiresAt).toISOString() })}\n`);
      else {
        io.err(`${await QRCode.toString(qr.code, { type: 'terminal', small: true })}\n`);
        // Which app to open (TRY item 9): an Alipay code does not open in WeChat, nor the other way round.
        const [en, zh] = r.provider === 'wechat' ? ['WeChat', '微信'] : ['Alipay', '支付宝'];
        io.err(`scan to pay ${formatYuan(r.amountFen)} with ${en} 请扫码支付（${zh}） — ${qr.code}\nexpires ${new Date(qr.expiresAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 过期 (Ctrl-C cancels 取消)\n`);
      }
      if (pngPath) await QRCode.toFile(pngPath, qr.code, { type: 'png', width: 480, margin: 2 });
    })().catch((e: unknown) => io.err(`could not write the QR code image ${pngPath ?? ''}: ${(e as Error).message}\n`));
  };
  return withTill(io, values, async (till) => {
    const cashier = cashierFor(till, values.operator);
    const { provider } = till.checkout.qr.validate({ amount: required(values.amount, '--amount'), provider: values.provider as Provider | undefined, subject: values.subject, undiscountable: values.undiscountable, cashier });
    trainingBanner(io, till, json, provider);
    await recoverBeforeSale(io, till, json, values['after-recovered']);
    const onSigint = () => {
      if (!till.checkout.requestCancel()) process.exitCode = EXIT.UNKNOWN;
      io.err('closing the QR code at the gateway… 正在关闭收款码\n');
    };
    process.on('SIGINT', onSigint);
    try {
      const r = await till.checkout.qr.start({ amount: values.amount!, provider: values.provider as Provider | undefined, subject: values.subject, undiscountable: values.undiscountable, cashier, recovered: values['after-recovered'] ? 'go-on' : 'refuse' });
      await showing;
      if (r.lateRefund && !json) io.err(`${r.error?.message ?? ''}\n${r.error?.messageZh ?? ''}\n`);
      return printPayment(io, r, json, {}, paidLinesOf(till, r));
    } finally {
      process.off('SIGINT', onSigint);
    }
  }, onChange);
}
