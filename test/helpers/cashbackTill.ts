// A till in certificate mode against the real training gateway over loopback HTTP: the training
// chain minted with openssl, the real alipay-sdk client, a real SQLite journal, and the red-packet
// sender on top. The cashback tests' subject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saleForCashback } from '../../app/cashback/Cashback.ts';
import { CashbackSender, type CashbackSenderOptions } from '../../app/cashback/CashbackSender.ts';
import { parsePromotions, type PromotionConfig } from '../../app/cashback/promotions.ts';
import { TransferJournal } from '../../app/cashback/TransferJournal.ts';
import { Checkout } from '../../app/checkout/Checkout.ts';
import type { CashbackView } from '../../app/common/cashback.ts';
import { AlipayClient } from '../../app/gateway/alipayClient.ts';
import { AlipayGateway } from '../../app/gateway/AlipayGateway.ts';
import { AlipayTransfers } from '../../app/gateway/AlipayTransfers.ts';
import { mintTrainingCertChain, readTrainingCerts, type TrainingCertFiles } from '../../app/gateway/training/certs.ts';
import { loadTrainingKeys, startTrainingGateway, type TrainingGateway, type TrainingGatewayOptions } from '../../app/gateway/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';

export const APP_ID = '2021000000000000';
const keys = loadTrainingKeys();

/** One chain per test process: minting takes a few openssl runs. */
let chain: TrainingCertFiles | undefined;
export function trainingChain(): TrainingCertFiles {
  chain ??= mintTrainingCertChain(join(mkdtempSync(join(tmpdir(), 'till-certs-')), 'chain'), APP_ID);
  return chain;
}

export function certClient(url: string, o: { requestTimeoutMs?: number } = {}): AlipayClient {
  const c = readTrainingCerts(trainingChain());
  return new AlipayClient({
    appId: APP_ID,
    privateKey: keys.tillPrivateKey,
    signing: { mode: 'cert', appCert: c.appCert, alipayPublicCert: c.alipayPublicCert, alipayRootCert: c.alipayRootCert },
    gatewayUrl: url,
    requestTimeoutMs: o.requestTimeoutMs ?? 3000,
  });
}

export const SPRING: PromotionConfig = { id: 'spring', minSpend: '50.00', amount: '2.00', dailyBudget: '200.00', title: '感谢光临' };

export type CashbackTill = {
  dir: string;
  sim: TrainingGateway;
  journal: SqliteJournal;
  transfers: TransferJournal;
  checkout: Checkout;
  cashback: CashbackSender;
  changes: CashbackView[];
  /** Pays `amount` with a code that pays at once, then hands the paid sale to the sender. */
  sell(amount: string): Promise<{ outTradeNo: string; packet: CashbackView | undefined }>;
  close(): Promise<void>;
};

export async function cashbackTill(o: { promotions?: PromotionConfig[]; sim?: Partial<TrainingGatewayOptions>; sender?: Partial<CashbackSenderOptions>; requestTimeoutMs?: number } = {}): Promise<CashbackTill> {
  const dir = mkdtempSync(join(tmpdir(), 'till-cb-'));
  const sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), certs: readTrainingCerts(trainingChain()), slowAnswerMs: 5000, ...o.sim });
  const journalPath = join(dir, 'journal.db');
  const journal = new SqliteJournal(journalPath);
  const transfers = new TransferJournal(journalPath);
  // The sale too is paid in certificate mode: the app signs every call with its certificate.
  const gateway = new AlipayGateway({ appId: APP_ID, privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: sim.url, requestTimeoutMs: 3000, training: true, certs: readTrainingCerts(trainingChain()) });
  const checkout = new Checkout({ journal, gateway, waitSeconds: 3, pollIntervalMs: 100, cancelRetryDelayMs: 50 });
  const changes: CashbackView[] = [];
  const cashback = new CashbackSender({
    journal: transfers,
    port: new AlipayTransfers(certClient(sim.url, { requestTimeoutMs: o.requestTimeoutMs ?? 1500 }), { training: true }),
    promotions: parsePromotions(o.promotions ?? [SPRING]),
    onChange: (v) => changes.push(v),
    ...o.sender,
  });
  let n = 0;
  return {
    dir, sim, journal, transfers, checkout, cashback, changes,
    async sell(amount) {
      n += 1;
      const r = await checkout.pay({ amount, code: `287634438256${String(1000 + n).padStart(4, '0')}00` });
      if (r.status !== 'SUCCESS') throw new Error(`the sale did not pay: ${JSON.stringify(r)}`);
      const packet = cashback.afterPayment(saleForCashback(journal.getAttempt(r.outTradeNo)!));
      return { outTradeNo: r.outTradeNo, packet };
    },
    async close() {
      await cashback.idle();
      transfers.close();
      journal.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function transferRequests(sim: TrainingGateway, outBizNo?: string): string[] {
  return sim.requests().filter((r) => r.method.startsWith('alipay.fund.') && (outBizNo === undefined || r.outBizNo === outBizNo)).map((r) => r.method);
}
