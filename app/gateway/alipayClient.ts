// One alipay-sdk client in key mode (支付宝公钥) or certificate mode (公钥证书), and the one way the
// till calls it: `exec` with `validateSign: true`, and in cert mode the answer's `alipay_cert_sn`
// checked against the Alipay certificate the merchant installed (the SDK checks the signature
// but not which certificate the answer names). Whatever cannot be verified is an unknown outcome.
import { randomUUID } from 'node:crypto';
import type { AlipaySdk } from 'alipay-sdk';
import { PosError } from '../common/errors.ts';
import { parseAnswer, type Answer } from './alipayAnswer.ts';
import { checkCertFiles, type AlipayCertContents, type CertSources } from './alipayCerts.ts';
import { answerCertSn, withRawAnswer } from './answerTap.ts';
import type { Unknown } from './Gateway.ts';
import { createAlipaySdk } from './alipaySdk.ts';
import { normalisePrivateKey } from './keys.ts';
import { disableUrllibResend } from './noResend.ts';

disableUrllibResend();

export type AlipaySigning =
  | { mode: 'key'; alipayPublicKey: string }
  | ({ mode: 'cert'; sources?: CertSources } & AlipayCertContents);

export type AlipayClientConfig = {
  appId: string;
  privateKey: string;
  signing: AlipaySigning;
  gatewayUrl: string;
  requestTimeoutMs: number;
  appAuthToken?: string | undefined;
};

export type Exec = { ok: true; answer: Answer; raw: Record<string, unknown> } | { ok: false; outcome: Unknown };

export class AlipayClient {
  readonly certMode: boolean;
  /** Cert mode: the serial every answer must name (computed by alipay-sdk, as Alipay does). */
  readonly alipayCertSn: string | undefined;
  readonly appCertSn: string | undefined;
  readonly #sdk: AlipaySdk;
  readonly #appAuthToken: string | undefined;

  constructor(o: AlipayClientConfig) {
    if (!o.appId) throw new PosError('INVALID_CONFIG', 'alipay.appId is missing');
    const privateKey = normalisePrivateKey(o.privateKey, 'alipay.privateKeyPath');
    const common = { appId: o.appId, privateKey, gatewayUrl: o.gatewayUrl, requestTimeoutMs: o.requestTimeoutMs };
    if (o.signing.mode === 'cert') {
      checkCertFiles(o.signing, privateKey, o.signing.sources);
      this.#sdk = createAlipaySdk({ ...common, alipayPublicKey: '', certs: o.signing });
      this.certMode = true;
      this.alipayCertSn = this.#sdk.config.alipayCertSn;
      this.appCertSn = this.#sdk.config.appCertSn;
      if (!this.alipayCertSn || !this.#sdk.config.alipayRootCertSn || !this.#sdk.config.alipayPublicKey) {
        throw new PosError('INVALID_CONFIG', 'the Alipay certificates gave no serial numbers or public key: check alipay.alipayPublicCertPath and alipay.alipayRootCertPath', {
          detailZh: '无法从支付宝证书读取序列号或公钥：请检查 alipay.alipayPublicCertPath 和 alipay.alipayRootCertPath',
        });
      }
    } else {
      this.#sdk = createAlipaySdk({ ...common, alipayPublicKey: o.signing.alipayPublicKey });
      this.certMode = false;
      this.alipayCertSn = undefined;
      this.appCertSn = undefined;
    }
    this.#appAuthToken = o.appAuthToken;
  }

  /** Empty values are never sent: they would be signed and rejected (barcode-pay.md). */
  #params(bizContent: Record<string, unknown>): Record<string, unknown> {
    const biz = Object.fromEntries(Object.entries(bizContent).filter(([, v]) => v !== undefined && v !== ''));
    return this.#appAuthToken ? { appAuthToken: this.#appAuthToken, bizContent: biz } : { bizContent: biz };
  }

  async exec(method: string, bizContent: Record<string, unknown>): Promise<Exec> {
    const traceId = randomUUID().replaceAll('-', '');
    let raw: unknown;
    let body: string | undefined;
    try {
      ({ result: raw, body } = await withRawAnswer(traceId, () => this.#sdk.exec(method, this.#params(bizContent), { validateSign: true, traceId })));
    } catch (e) {
      // The request may have reached Alipay: whatever went wrong, the outcome is unknown.
      const message = e instanceof Error ? e.message : String(e);
      const signature = /验签/.test(message);
      return {
        ok: false,
        outcome: {
          kind: 'unknown',
          errorCode: signature ? 'SIGNATURE_INVALID' : 'GATEWAY_UNKNOWN_OUTCOME',
          reason: signature ? `${method}: the answer's signature does not verify with the Alipay public key` : `${method}: ${message.slice(0, 300)}`,
        },
      };
    }
    if (this.certMode) {
      const sn = answerCertSn(body);
      if (sn !== this.alipayCertSn) {
        // Not "forged" for certain: Alipay may have rotated its certificate. Either way this answer
        // is not one the till can vouch for, so it settles nothing.
        return {
          ok: false,
          outcome: {
            kind: 'unknown',
            errorCode: 'SIGNATURE_INVALID',
            reason: `${method}: the answer names Alipay certificate ${sn ?? '(none)'}, not the installed one (${this.alipayCertSn}); if Alipay renewed its certificate, download the new alipayCertPublicKey_RSA2.crt from the Alipay console`,
          },
        };
      }
    }
    const parsed = parseAnswer(raw);
    if (!parsed.ok) return { ok: false, outcome: { kind: 'unknown', errorCode: 'GATEWAY_UNKNOWN_OUTCOME', reason: `${method}: ${parsed.reason}` } };
    return { ok: true, answer: parsed.answer, raw: raw as Record<string, unknown> };
  }
}
