// The till's reconciler: which bill sources this till has (from its configuration), and one call
// that fetches, keeps, reads and matches a day's bill. Shared by `pos reconcile` and the 对账 screen.
import { PosError } from '../common/errors.ts';
import type { AlipayClientOptions } from '../gateway/alipaySdk.ts';
import { alipayBillSourceFor } from './alipayBillSource.ts';
import type { BillProvider } from './billLine.ts';
import type { BillSource } from './billSource.ts';
import { JournalLedger } from './journalLedger.ts';
import type { MatchOptions } from './match.ts';
import { reconcileDay, type DayReconciliation } from './reconcileDay.ts';

export type ReconcilerOptions = {
  dataDir: string;
  /** The journal file, opened read-only for each run. */
  journalPath: string;
  training: boolean;
  alipay?: { client: AlipayClientOptions; appAuthToken?: string | undefined } | undefined;
  /** WeChat Pay's bill source, once its client is configured (wechatBillSource.ts). */
  wechat?: BillSource | undefined;
  /** This till's ids: lines another till on the same account took are not this till's to match. */
  match?: MatchOptions;
};

export class Reconciler {
  readonly #o: ReconcilerOptions;

  constructor(o: ReconcilerOptions) {
    this.#o = o;
  }

  providers(): BillProvider[] {
    return [...(this.#o.alipay ? ['alipay' as const] : []), ...(this.#o.wechat ? ['wechat' as const] : [])];
  }

  /** The configured provider's bill source (also what `pos hq reconcile` fetches the chain's bill with). */
  billSource(provider: BillProvider): BillSource {
    if (provider === 'alipay' && this.#o.alipay) return alipayBillSourceFor(this.#o.alipay.client, this.#o.alipay.appAuthToken);
    if (provider === 'wechat' && this.#o.wechat) return this.#o.wechat;
    throw new PosError('PROVIDER_NOT_CONFIGURED', `${provider === 'wechat' ? 'WeChat Pay' : 'Alipay'} is not configured on this till, so it has no bill to reconcile`, { detailZh: `本收银台未配置${provider === 'wechat' ? '微信支付' : '支付宝'}，没有可核对的账单` });
  }

  async run(day: string, provider: BillProvider = 'alipay', nowMs?: number): Promise<DayReconciliation> {
    const source = this.billSource(provider);
    const ledger = new JournalLedger(this.#o.journalPath, this.#o.training);
    try {
      return await reconcileDay({ day, source, ledger, dataDir: this.#o.dataDir, training: this.#o.training, match: this.#o.match ?? {}, ...(nowMs === undefined ? {} : { nowMs }) });
    } finally {
      ledger.close();
    }
  }
}
