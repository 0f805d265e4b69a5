// Alipay's daily trade bill (qr-bills-transfers.md §3.1): `alipay.data.dataservice.bill.downloadurl.query`
// through the same alipay-sdk client the payments use (answer signature verified), then a plain GET
// of `bill_download_url` at once: the link dies 30 s after it is issued, so a failed or expired
// download asks for a fresh link rather than retrying the dead one. In certificate mode (公钥证书)
// the link is asked for through AlipayClient, which signs with app_cert_sn / alipay_root_cert_sn and
// refuses an answer that does not name the installed Alipay certificate (alipay_cert_sn).
import type { AlipaySdk } from 'alipay-sdk';
import { PosError } from '../common/errors.ts';
import { CONFIG_ERROR_CODES } from '../gateway/alipayAnswer.ts';
import { AlipayClient } from '../gateway/alipayClient.ts';
import { createAlipaySdk, type AlipayClientOptions } from '../gateway/alipaySdk.ts';
import { alipayBillLines, alipayDetailBytes, gbkLines } from './alipayBillParse.ts';
import { looksLikeHtml } from './billCells.ts';
import { download, type BillSource, type FetchedBill } from './billSource.ts';

export const BILL_METHOD = 'alipay.data.dataservice.bill.downloadurl.query';
/** Alipay: "获取连接后30秒后未下载，链接地址失效". */
export const BILL_LINK_LIFETIME_MS = 30_000;
/** How many links to ask for before giving up (one fresh link after a failed download). */
const LINK_ATTEMPTS = 2;

type LinkAnswer = { code?: string; msg?: string; subCode?: string; subMsg?: string; billDownloadUrl?: string; billFileCode?: string };

export class AlipayBillSource implements BillSource {
  readonly provider = 'alipay' as const;
  readonly #sdk: AlipaySdk | AlipayClient;
  readonly #appAuthToken: string | undefined;

  /** A cert-mode AlipayClient carries its own app_auth_token; `o.appAuthToken` is for a plain SDK client. */
  constructor(sdk: AlipaySdk | AlipayClient, o: { appAuthToken?: string | undefined } = {}) {
    this.#sdk = sdk;
    this.#appAuthToken = o.appAuthToken;
  }

  async #ask(day: string): Promise<LinkAnswer> {
    if (this.#sdk instanceof AlipayClient) {
      const r = await this.#sdk.exec(BILL_METHOD, { bill_type: 'trade', bill_date: day });
      if (r.ok) return r.raw as LinkAnswer;
      if (r.outcome.errorCode === 'SIGNATURE_INVALID') {
        throw new PosError('SIGNATURE_INVALID', r.outcome.reason, { detailZh: `${BILL_METHOD}：应答的签名或支付宝证书序列号（alipay_cert_sn）与本机安装的支付宝证书不符，账单未下载；如支付宝更换了证书，请从开放平台下载新的 alipayCertPublicKey_RSA2.crt` });
      }
      throw new PosError('BILL_NOT_READY', `cannot ask Alipay for the ${day} bill: ${r.outcome.reason.slice(0, 200)}`, { detailZh: `无法向支付宝申请 ${day} 的账单：${r.outcome.reason.slice(0, 200)}` });
    }
    return this.#askSdk(this.#sdk, day);
  }

  async #askSdk(sdk: AlipaySdk, day: string): Promise<LinkAnswer> {
    try {
      const params = { bizContent: { bill_type: 'trade', bill_date: day }, ...(this.#appAuthToken ? { appAuthToken: this.#appAuthToken } : {}) };
      return (await sdk.exec(BILL_METHOD, params, { validateSign: true })) as LinkAnswer;
    } catch (e) {
      const message = (e as Error).message;
      if (/验签/.test(message)) throw new PosError('SIGNATURE_INVALID', `${BILL_METHOD}: the answer's signature does not verify with the Alipay public key`);
      throw new PosError('BILL_NOT_READY', `cannot ask Alipay for the ${day} bill: ${message.slice(0, 200)}`, { detailZh: `无法向支付宝申请 ${day} 的账单：${message.slice(0, 200)}` });
    }
  }

  async #link(day: string): Promise<string> {
    const a = await this.#ask(day);
    if (a.code === '10000' && typeof a.billDownloadUrl === 'string' && /^https?:\/\//.test(a.billDownloadUrl)) return a.billDownloadUrl;
    const what = [a.code, a.msg, a.subCode, a.subMsg].filter(Boolean).join(' ');
    // The live value is lower-case isp.bill_not_exist; the spec's enum says BILL_NOT_EXIST.
    if (a.subCode !== undefined && /bill_not_exist/i.test(a.subCode)) {
      throw new PosError('BILL_NOT_READY', `Alipay has no bill for ${day} yet (${what}); a day's bill is ready the next day after about 09:00`, { detailZh: `支付宝尚无 ${day} 的账单（${what}），账单一般于次日 9 点后生成`, details: { provider: 'alipay', day, subCode: a.subCode } });
    }
    if (a.code !== undefined && CONFIG_ERROR_CODES.has(a.code)) throw new PosError('GATEWAY_CONFIG_ERROR', `${BILL_METHOD}: ${what}`, { details: { provider: 'alipay', day } });
    throw new PosError('BILL_NOT_READY', `Alipay did not give a bill link for ${day}: ${what || 'no bill_download_url'}`, { detailZh: `支付宝未返回 ${day} 的账单链接：${what}`, details: { provider: 'alipay', day } });
  }

  async fetch(day: string): Promise<FetchedBill> {
    let last = '';
    for (let i = 0; i < LINK_ATTEMPTS; i++) {
      const url = await this.#link(day);
      const got = await download(url, BILL_LINK_LIFETIME_MS);
      // An expired link answers with a web page: ask for a new link, as Alipay advises ("下载超时" → re-query).
      if (got.ok && !(looksLikeHtml(got.bytes) && i + 1 < LINK_ATTEMPTS)) {
        const bytes = got.bytes;
        return { bytes, ext: 'csv.zip', parse: () => ({ provider: 'alipay', day, lines: alipayBillLines(gbkLines(alipayDetailBytes(bytes))) }) };
      }
      last = got.ok ? 'the link answered with a web page' : got.why;
    }
    throw new PosError('BILL_INVALID', `alipay bill: ${last} (after ${LINK_ATTEMPTS} fresh links)`, { detailZh: `支付宝账单下载失败：${last}`, details: { provider: 'alipay', day } });
  }
}

/** The bill source for a till's Alipay client options: cert mode when they carry certificates. */
export function alipayBillSourceFor(client: AlipayClientOptions, appAuthToken?: string): AlipayBillSource {
  if (client.certs) {
    const signing = { mode: 'cert' as const, ...client.certs };
    return new AlipayBillSource(new AlipayClient({ appId: client.appId, privateKey: client.privateKey, signing, gatewayUrl: client.gatewayUrl, requestTimeoutMs: client.requestTimeoutMs, appAuthToken }));
  }
  return new AlipayBillSource(createAlipaySdk(client), { appAuthToken });
}
