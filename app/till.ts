// Opens the core of one till from its configuration: journal, gateway (live Alipay, or the training
// gateway when no credentials are configured), and Checkout. Shared by both composition roots
// (cli/ and main/), which add the hardware around it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checkout, type CheckoutOptions } from './checkout/Checkout.ts';
import type { Clock } from './Clock.ts';
import { PosError } from './common/errors.ts';
import type { ResolvedConfig } from './config/config.ts';
import { ensureDataDir } from './config/dataDir.ts';
import { checkLiveKeys } from './config/keyChecks.ts';
import { AlipayGateway, DEFAULT_REQUEST_TIMEOUT_MS } from './gateway/AlipayGateway.ts';
import type { Gateway } from './gateway/Gateway.ts';
import { openWechatGateway } from './gateway/wechat/openWechat.ts';
import { loadTrainingKeys } from './gateway/training/keys.ts';
import { startTrainingGateway, type TrainingGateway } from './gateway/training/index.ts';
import type { JournalStore } from './journal/JournalStore.ts';
import { SqliteJournal } from './journal/SqliteJournal.ts';
import { Cashback } from './cashback/Cashback.ts';
import type { CashbackView } from './common/cashback.ts';
import { loadAlipayCerts } from './gateway/alipayCertFiles.ts';
import { alipayPublicKeyOf } from './gateway/alipayCerts.ts';
import { Reconciler } from './reconcile/Reconciler.ts';
import { startTillSync, type TillSync } from './hq/tillSync.ts';
import { idsFor, tillTag } from './checkout/ids.ts';
import { codeHashSecretFile } from './settings/codeHashSecret.ts';
import type { SecretBox } from './settings/SecretBox.ts';

/** The code-hash secret apart from the journal, sealed with `box` when the host has one (issue 10 item 7). */
function journalOptions(journalPath: string, box: SecretBox | undefined): ConstructorParameters<typeof SqliteJournal>[1] {
  return box ? { codeHashSecret: codeHashSecretFile(journalPath, box) } : {};
}

export type Till = {
  config: ResolvedConfig;
  journal: JournalStore;
  /** The first provider's gateway (Alipay when it is configured). */
  gateway: Gateway;
  /** One per configured provider; in training both training gateways (issue 15). */
  gateways: Gateway[];
  checkout: Checkout;
  /** The day bills (pos reconcile, the 对账 screen). */
  reconciler: Reconciler;
  training: boolean;
  /** The head-office syncer, when the config has `hq` and the host asked for it (issue 13). */
  sync?: TillSync | undefined;
  /** Cash red packets to the payer (issue 14): when promotions are configured, in cert mode. */
  cashback?: Cashback | undefined;
  close(): Promise<void>;
};

/** The journal file of a till: training practice never shares a file with takings. */
export function journalPathOf(config: ResolvedConfig): string {
  return join(config.dataDir, config.mode === 'training' ? 'journal-training.db' : 'journal.db');
}

function readKey(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PosError('INVALID_CONFIG', `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function sameKey(a: string, b: string): boolean {
  const body = (k: string) => k.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return body(a) === body(b);
}

export async function openTill(config: ResolvedConfig, extra: { clock?: Clock; onChange?: CheckoutOptions['onChange']; /** Long-running hosts only: start the head-office syncer. */ sync?: boolean; onSyncProblem?: (message: string) => void; onCashback?: (v: CashbackView) => void; /** Seals the journal's code-hash secret (the desktop app's OS keychain; docs/security.md item 7). */ secretBox?: SecretBox } = {}): Promise<Till> {
  const a = config.alipay;
  const training = config.mode === 'training';
  // Live, Alipay takes payments only when configured (a live WeChat-only till refuses Alipay codes).
  const alipayOn = training || a.privateKeyPath !== undefined || a.privateKeyPem !== undefined;
  if (!alipayOn) return openTillWithout(config, extra);
  // Keys are read and checked before anything is opened, so a bad config leaves nothing behind.
  const keys = training ? loadTrainingKeys() : undefined;
  const privateKey = keys ? keys.tillPrivateKey : a.privateKeyPem ?? readKey(a.privateKeyPath!, 'the app private key (alipay.privateKeyPath)');
  // Certificate mode (公钥证书): the Alipay public key is the one inside the Alipay certificate.
  const certs = loadAlipayCerts(config);
  const alipayPublicKey = keys ? keys.gatewayPublicKey : certs ? alipayPublicKeyOf(certs.alipayPublicCert) : a.alipayPublicKeyPem ?? readKey(a.alipayPublicKeyPath!, 'the Alipay public key (alipay.alipayPublicKeyPath)');
  if (!training && sameKey(alipayPublicKey, loadTrainingKeys().gatewayPublicKey)) {
    throw new PosError('INVALID_CONFIG', 'alipay.alipayPublicKeyPath is the training gateway\'s public key; a live till needs the Alipay public key from the Alipay console');
  }
  if (!training) checkLiveKeys(privateKey, alipayPublicKey, { privateKey: a.privateKeyPath ?? 'the imported app private key', alipayPublicKey: a.alipayPublicKeyPath ?? 'the imported Alipay public key' });
  ensureDataDir(config.dataDir);
  let sim: TrainingGateway | undefined;
  const gatewayUrl = a.gateway ?? (sim = await startTrainingGateway({ storePath: join(config.dataDir, 'training-gateway.db'), ...(certs ? { certs } : {}) })).url;
  let gateway: Gateway;
  try {
    gateway = new AlipayGateway({
      appId: a.appId,
      privateKey,
      alipayPublicKey,
      gatewayUrl,
      requestTimeoutMs: config.payment.requestTimeoutMs,
      appAuthToken: a.appAuthToken,
      storeId: a.storeId,
      terminalId: a.terminalId,
      operatorId: a.operatorId,
      training,
      certs,
    });
  } catch (e) {
    await sim?.close();
    throw e;
  }
  let wechat: Awaited<ReturnType<typeof openWechatGateway>>;
  try {
    wechat = await openWechatGateway(config);
  } catch (e) {
    await sim?.close();
    throw e;
  }
  const gateways = [gateway, ...(wechat ? [wechat.gateway] : [])];
  const journalPath = journalPathOf(config);
  const journal = new SqliteJournal(journalPath, journalOptions(journalPath, extra.secretBox));
  const cashback = certs && config.promotions?.length
    ? new Cashback({
      journalPath, journal, promotions: config.promotions, appId: a.appId, privateKey, certs, gatewayUrl,
      requestTimeoutMs: config.payment.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, appAuthToken: a.appAuthToken, training, clock: extra.clock, onChange: extra.onCashback,
    })
    : undefined;
  const reconciler = new Reconciler({
    dataDir: config.dataDir, journalPath, training,
    // Cert mode (公钥证书) signs and checks the bill download as it does the payments (alipay_cert_sn).
    alipay: { client: { appId: a.appId, privateKey, alipayPublicKey, gatewayUrl, requestTimeoutMs: config.payment.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, certs }, appAuthToken: a.appAuthToken },
    wechat: wechat?.billSource,
    match: { terminalId: a.terminalId, storeId: a.storeId, tillTag: config.till.id && tillTag(config.till.id) },
  });
  const checkout = new Checkout({
    journal,
    gateways,
    // A chain's tills share the merchant account: out_trade_no carries the till id (docs/chain.md).
    ids: idsFor(config.till.id),
    clock: extra.clock,
    waitSeconds: config.payment.waitSeconds,
    pollIntervalMs: config.payment.pollIntervalMs,
    ...(config.payment.leaseMs !== undefined ? { leaseMs: config.payment.leaseMs } : {}),
    ...(config.payment.qrTimeoutSeconds !== undefined ? { qrTimeoutSeconds: config.payment.qrTimeoutSeconds } : {}),
    defaultSubject: config.subject,
    // A journaled change nudges the syncer (a timer, nothing more: the payment never waits on it).
    onChange: (r) => {
      extra.onChange?.(r);
      sync?.poke();
      // A paid Alipay sale may earn a red packet: handed over after this turn, never awaited here.
      // A QR payment that landed after its cancel is refunded at once: it was no sale, so no packet.
      if (!(r.method === 'qr' && r.cancelReason)) cashback?.onPayment(r);
    },
  });
  const sync = extra.sync && config.hq
    ? startTillSync({ hq: config.hq, journalPath, training, isBusy: () => checkout.activeOutTradeNo !== undefined, clock: extra.clock, onProblem: extra.onSyncProblem })
    : undefined;
  return {
    config,
    journal,
    gateway,
    gateways,
    checkout,
    reconciler,
    training,
    sync,
    cashback,
    async close() {
      await sync?.close();
      await cashback?.close();
      journal.close();
      await sim?.close();
      await wechat?.close();
    },
  };
}

/** A live till without Alipay (WeChat Pay only): the same core, WeChat's gateway alone. */
async function openTillWithout(config: ResolvedConfig, extra: NonNullable<Parameters<typeof openTill>[1]>): Promise<Till> {
  const wechat = await openWechatGateway(config);
  if (!wechat) throw new PosError('INVALID_CONFIG', 'no payment provider is configured (alipay.appId or wechat.mchId)');
  ensureDataDir(config.dataDir);
  const journalPath = journalPathOf(config);
  const journal = new SqliteJournal(journalPath, journalOptions(journalPath, extra.secretBox));
  const reconciler = new Reconciler({ dataDir: config.dataDir, journalPath, training: false, wechat: wechat.billSource, match: { terminalId: config.alipay.terminalId, storeId: config.alipay.storeId, tillTag: config.till.id && tillTag(config.till.id) } });
  const checkout = new Checkout({
    journal, gateways: [wechat.gateway], ids: idsFor(config.till.id), clock: extra.clock, waitSeconds: config.payment.waitSeconds, pollIntervalMs: config.payment.pollIntervalMs, defaultSubject: config.subject,
    ...(config.payment.qrTimeoutSeconds !== undefined ? { qrTimeoutSeconds: config.payment.qrTimeoutSeconds } : {}),
    onChange: (r) => {
      extra.onChange?.(r);
      sync?.poke();
    },
  });
  const sync = extra.sync && config.hq
    ? startTillSync({ hq: config.hq, journalPath, training: false, isBusy: () => checkout.activeOutTradeNo !== undefined, clock: extra.clock, onProblem: extra.onSyncProblem })
    : undefined;
  return {
    config, journal, gateway: wechat.gateway, gateways: [wechat.gateway], checkout, reconciler, training: false, sync,
    async close() {
      await sync?.close();
      journal.close();
      await wechat.close();
    },
  };
}
