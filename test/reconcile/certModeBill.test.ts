// The Alipay bill download in certificate mode (公钥证书, issue 12): a till whose config names the
// three certificate files asks for the day's bill as it pays, signed with app_cert_sn and
// alipay_root_cert_sn and its answer checked for alipay_cert_sn (AlipayClient). Real `pos`
// processes, the training gateway in certificate mode over loopback HTTP, the training chain
// minted with openssl.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { mintTrainingCertChain, readTrainingCerts, type TrainingCertFiles } from '../../app/gateway/training/certs.ts';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { APP_ID, trainingChain } from '../helpers/cashbackTill.ts';
import { pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

const sims: TrainingGateway[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

/** A training till in cert mode with `tillChain`, against a training gateway that knows `gatewayChain`. */
async function certTill(tillChain: TrainingCertFiles, gatewayChain: TrainingCertFiles) {
  const dir = tempDir('till-certbill-');
  const sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), certs: readTrainingCerts(gatewayChain) });
  sims.push(sim);
  const config = join(dir, 'till.json');
  writeFileSync(config, JSON.stringify({
    dataDir: 'data',
    alipay: { gateway: sim.url, appCertPath: tillChain.appCertPath, alipayPublicCertPath: tillChain.alipayPublicCertPath, alipayRootCertPath: tillChain.alipayRootCertPath },
    payment: { waitSeconds: 5, requestTimeoutMs: 3000 },
  }));
  return { config, sim };
}

describe('pos reconcile in certificate mode', () => {
  it('fetches and matches the day bill with the certificate-mode client the payments use', { timeout: 120_000 }, async () => {
    const { config } = await certTill(trainingChain(), trainingChain());
    const p = await pos(['pay', '--config', config, '--json', '--amount', '12.00', '--code', code('00')]);
    expect(p.json, p.stderr).toMatchObject({ status: 'SUCCESS' });
    const r = await pos(['reconcile', '--config', config, '--json', '--date', shanghaiDay(Date.now())]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ status: 'MATCHED', provider: 'alipay', payments: { matched: { count: 1, amount: '12.00' } }, differences: [] });
  });

  it('asks in certificate mode and refuses an answer that does not name the installed Alipay certificate', { timeout: 120_000 }, async () => {
    // The same keys certified by another root: in key mode this gateway's answers verify and the bill downloads.
    const other = mintTrainingCertChain(join(tempDir('till-otherchain-'), 'chain'), APP_ID);
    const { config } = await certTill(trainingChain(), other);
    const r = await pos(['reconcile', '--config', config, '--json', '--date', shanghaiDay(Date.now() - 86_400_000)]);
    expect(r.code).not.toBe(0);
    expect(r.json).toMatchObject({ status: 'FAILED', refused: true, error: { code: 'SIGNATURE_INVALID' } });
    const e = r.json!.error as { message: string; messageZh: string };
    expect(e.message).toMatch(/names Alipay certificate [0-9a-f]{32}, not the installed one/);
    expect(e.messageZh).toMatch(/证书序列号/);
    expect(existsSync(join(dirname(config), 'data', 'bills'))).toBe(false);
  });
});
