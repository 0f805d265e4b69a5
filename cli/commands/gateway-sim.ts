// `pos gateway-sim`: the training gateway as a process of its own, so the till (or a second till,
// or a cashier rehearsing) can point its gateway URL at it. Runs until SIGINT/SIGTERM.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_PAYS_AFTER_MS, DEFAULT_SLOW_ANSWER_MS, TRAINING_KEYS_DIR, describeCodeTable, startTrainingGateway, type TrainingGateway,
} from '../../app/gateway/training/index.ts';
import { WECHAT_TRAINING_STORE_FILE } from '../../app/gateway/wechat/openWechat.ts';
import { wechatTrainingBills } from '../../app/reconcile/training/wechatBillRoute.ts';
import {
  TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PUB_KEY_ID, WECHAT_TRAINING_KEYS_DIR, describeWechatCodeTable, startWechatTrainingGateway, WECHAT_QR_AMOUNT_TABLE, WECHAT_QR_SCAN_PATH,
} from '../../app/gateway/wechat/training/index.ts';
import type { CliIO } from '../io.ts';

export const DEFAULT_GATEWAY_SIM_PORT = 8964;
export const DEFAULT_DATA_DIR = './.till';
export const STORE_FILE = 'training-gateway.db';

const USAGE = 'usage: pos gateway-sim [--provider alipay|wechat] [--port N] [--data-dir D] [--pays-after-ms N] [--slow-answer-ms N]\n';

type SimOptions = { provider: 'alipay' | 'wechat'; port: number; dataDir: string; paysAfterMs: number; slowAnswerMs: number };

function wholeNumber(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) throw new Error(`--${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(text)}`);
  return Number(text);
}

function parseOptions(argv: string[]): SimOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      provider: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'pays-after-ms': { type: 'string' },
      'slow-answer-ms': { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ?? DEFAULT_DATA_DIR;
  if (dataDir.trim() === '') throw new Error('--data-dir must not be empty');
  const dayMs = 24 * 3600_000;
  const provider = values.provider ?? 'alipay';
  if (provider !== 'alipay' && provider !== 'wechat') throw new Error(`--provider must be alipay or wechat, got ${JSON.stringify(provider)}`);
  return {
    provider,
    port: wholeNumber('port', values.port, DEFAULT_GATEWAY_SIM_PORT, 65535),
    dataDir,
    paysAfterMs: wholeNumber('pays-after-ms', values['pays-after-ms'], DEFAULT_PAYS_AFTER_MS, dayMs),
    slowAnswerMs: wholeNumber('slow-answer-ms', values['slow-answer-ms'], DEFAULT_SLOW_ANSWER_MS, dayMs),
  };
}

function untilSignalled(): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let o: SimOptions;
  try {
    o = parseOptions(argv);
  } catch (e) {
    io.err(`pos gateway-sim: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  if (o.provider === 'wechat') return runWechat(o, io);
  const storePath = resolve(o.dataDir, STORE_FILE);
  let gw: TrainingGateway;
  try {
    gw = await startTrainingGateway({ port: o.port, storePath, paysAfterMs: o.paysAfterMs, slowAnswerMs: o.slowAnswerMs });
  } catch (e) {
    io.err(`pos gateway-sim: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const signalled = untilSignalled();
  io.out([
    `training gateway listening on ${gw.url}`,
    `trades kept in ${storePath}`,
    `the till signs with ${resolve(TRAINING_KEYS_DIR, 'till-private-pkcs8.pem')}`,
    `and verifies answers with ${resolve(TRAINING_KEYS_DIR, 'gateway-public.pem')}`,
    '',
    'outcome by the last two digits of the payment code (example codes):',
    describeCodeTable(o),
    '',
    'Ctrl+C stops it.',
    '',
  ].join('\n'));
  const signal = await signalled;
  await gw.close();
  io.out(`training gateway stopped (${signal})\n`);
  return 0;
}

/** The WeChat Pay training gateway alone (v3 付款码 paths); point a till at it with wechat.baseUrl. */
async function runWechat(o: SimOptions, io: CliIO): Promise<number> {
  const storePath = resolve(o.dataDir, WECHAT_TRAINING_STORE_FILE);
  let gw: Awaited<ReturnType<typeof startWechatTrainingGateway>>;
  try {
    // The day's bill (GET /v3/bill/tradebill) from the same order store, so tills sharing this
    // gateway can be reconciled against one bill, as a chain's tills share one merchant's.
    const bills = wechatTrainingBills(storePath);
    gw = await startWechatTrainingGateway({ port: o.port, storePath, paysAfterMs: o.paysAfterMs, slowAnswerMs: o.slowAnswerMs, extraRoute: bills.route });
    bills.origin(gw.url);
  } catch (e) {
    io.err(`pos gateway-sim: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const signalled = untilSignalled();
  io.out([
    `WeChat Pay training gateway listening on ${gw.url} (v3 codepay, native, close, query, reverse, refunds, day bills)`,
    `orders kept in ${storePath}`,
    `the till signs as mchid ${TRAINING_MCH_ID} / appid ${TRAINING_APP_ID}, serial ${TRAINING_CERT_SERIAL}, with ${resolve(WECHAT_TRAINING_KEYS_DIR, 'merchant-private-pkcs8.pem')}`,
    `answers are signed as ${TRAINING_PUB_KEY_ID}: verify with ${resolve(WECHAT_TRAINING_KEYS_DIR, 'wechatpay-public.pem')}`,
    `a training till uses it with  "wechat": { "baseUrl": "${gw.url}" }`,
    '',
    'outcome by the last two digits of the payment code (example codes):',
    describeWechatCodeTable(o),
    '',
    `QR codes (Native): the code_url is the customer's page ${gw.url}${WECHAT_QR_SCAN_PATH}<out_trade_no> (open it, press 付款); by the amount's last two fen digits:`,
    ...WECHAT_QR_AMOUNT_TABLE.map((r) => `  …${r.fen}  ${r.what}`),
    '',
    'Ctrl+C stops it.',
    '',
  ].join('\n'));
  const signal = await signalled;
  await gw.close();
  io.out(`WeChat Pay training gateway stopped (${signal})\n`);
  return 0;
}
