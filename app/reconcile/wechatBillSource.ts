// WeChat Pay's v3 trade bill (qr-bills-transfers.md §3.2): `GET /v3/bill/tradebill` signed with the
// merchant key (WECHAT's signer, app/gateway/wechat/signing.ts), its answer's signature verified,
// then `GET download_url`, signed too; the file itself is not signed, so it is sealed only by the
// SHA1 the signed answer named, checked after gunzip (wechatBillParse.ts).
import { PosError } from '../common/errors.ts';
import { answerKeys, authorization, verifyAnswer, type AnswerKeys, type RequestSigner } from '../gateway/wechat/signing.ts';
import { download, type BillSource, type FetchedBill } from './billSource.ts';
import { parseWechatBillGzip } from './wechatBillParse.ts';

export type WechatBillOptions = {
  /** https://api.mch.weixin.qq.com live; the training gateway's origin in training. */
  apiBase: string;
  signer: RequestSigner;
  answerKeys: AnswerKeys;
  /** Partner (服务商) mode: the sub-merchant whose bill it is. */
  subMchId?: string | undefined;
  /** The key id sent as Wechatpay-Serial (the official download sample sends it). */
  wechatPaySerial?: string | undefined;
  requestTimeoutMs: number;
  now?: () => number;
};

type TradeBillAnswer = { hash_type?: unknown; hash_value?: unknown; download_url?: unknown; code?: unknown; message?: unknown };

export class WechatBillSource implements BillSource {
  readonly provider = 'wechat' as const;
  readonly #o: WechatBillOptions;

  constructor(o: WechatBillOptions) {
    this.#o = o;
  }

  #headers(method: string, url: URL): Record<string, string> {
    const now = this.#o.now ?? Date.now;
    return {
      Accept: 'application/json',
      Authorization: authorization(this.#o.signer, method, `${url.pathname}${url.search}`, '', now()),
      ...(this.#o.wechatPaySerial ? { 'Wechatpay-Serial': this.#o.wechatPaySerial } : {}),
    };
  }

  async #link(day: string): Promise<{ url: string; hashType: string; hashValue: string }> {
    const url = new URL('/v3/bill/tradebill', this.#o.apiBase);
    url.searchParams.set('bill_date', day);
    if (this.#o.subMchId) url.searchParams.set('sub_mchid', this.#o.subMchId);
    url.searchParams.set('bill_type', 'ALL');
    url.searchParams.set('tar_type', 'GZIP');
    let res: Response;
    let body: string;
    try {
      res = await fetch(url, { headers: this.#headers('GET', url), signal: AbortSignal.timeout(this.#o.requestTimeoutMs) });
      body = await res.text();
    } catch (e) {
      throw new PosError('BILL_NOT_READY', `cannot ask WeChat Pay for the ${day} bill: ${(e as Error).message}`, { detailZh: `无法向微信支付申请 ${day} 的账单：${(e as Error).message}` });
    }
    let a: TradeBillAnswer;
    try {
      a = JSON.parse(body) as TradeBillAnswer;
    } catch {
      throw new PosError('BILL_INVALID', `wechat bill: /v3/bill/tradebill answered HTTP ${res.status} with no JSON (${body.slice(0, 80)})`, { detailZh: '微信支付账单：申请账单的应答不是 JSON' });
    }
    if (res.status !== 200) {
      const code = typeof a.code === 'string' ? a.code : '';
      const what = `HTTP ${res.status} ${code} ${typeof a.message === 'string' ? a.message : ''}`.trim();
      if (code === 'NO_STATEMENT_EXIST' || code === 'STATEMENT_CREATING') {
        throw new PosError('BILL_NOT_READY', `WeChat Pay has no bill for ${day} yet (${what}); bills are ready the next day after 10:00`, { detailZh: `微信支付尚无 ${day} 的账单（${what}），请次日 10 点后再试`, details: { provider: 'wechat', day, code } });
      }
      throw new PosError(res.status === 401 || res.status === 403 ? 'GATEWAY_CONFIG_ERROR' : 'BILL_NOT_READY', `/v3/bill/tradebill: ${what}`, { details: { provider: 'wechat', day } });
    }
    const h = res.headers;
    const v = verifyAnswer({ timestamp: h.get('wechatpay-timestamp'), nonce: h.get('wechatpay-nonce'), signature: h.get('wechatpay-signature'), serial: h.get('wechatpay-serial') }, body, this.#o.answerKeys, (this.#o.now ?? Date.now)());
    if (!v.ok) throw new PosError('SIGNATURE_INVALID', `/v3/bill/tradebill: ${v.reason}`);
    if (typeof a.download_url !== 'string' || typeof a.hash_value !== 'string' || typeof a.hash_type !== 'string') {
      throw new PosError('BILL_INVALID', 'wechat bill: the tradebill answer lacks download_url, hash_type or hash_value', { detailZh: '微信支付账单：应答缺少 download_url、hash_type 或 hash_value' });
    }
    return { url: a.download_url, hashType: a.hash_type, hashValue: a.hash_value };
  }

  async fetch(day: string): Promise<FetchedBill> {
    const link = await this.#link(day);
    const got = await download(link.url, this.#o.requestTimeoutMs, this.#headers('GET', new URL(link.url)));
    if (!got.ok) throw new PosError('BILL_INVALID', `wechat bill: ${got.why}`, { detailZh: `微信支付账单下载失败：${got.why}`, details: { provider: 'wechat', day } });
    const bytes = got.bytes;
    return { bytes, ext: 'csv.gz', parse: () => parseWechatBillGzip(bytes, { type: link.hashType, value: link.hashValue }, day) };
  }
}

/** The bill source for the same merchant, keys and service as a WeChat gateway's options. */
export function wechatBillSourceFor(o: {
  baseUrl: string; mchId: string; subMchId?: string | undefined; privateKey: string; certSerialNo: string;
  wechatPayPublicKey: string; wechatPayPublicKeyId: string; platformCertificates?: ReadonlyArray<{ serial: string; pem: string }> | undefined;
  requestTimeoutMs?: number | undefined; now?: (() => number) | undefined;
}): WechatBillSource {
  return new WechatBillSource({
    apiBase: o.baseUrl,
    signer: { mchId: o.mchId, certSerialNo: o.certSerialNo, privateKey: o.privateKey },
    answerKeys: answerKeys([[o.wechatPayPublicKeyId, o.wechatPayPublicKey], ...(o.platformCertificates ?? []).map((c): [string, string] => [c.serial, c.pem])]),
    subMchId: o.subMchId,
    wechatPaySerial: o.wechatPayPublicKeyId,
    requestTimeoutMs: o.requestTimeoutMs ?? 15_000,
    now: o.now,
  });
}
