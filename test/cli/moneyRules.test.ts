// Issue 8 items 5–10 through the real `pos` command: refunds re-run by an unsure cashier, the Z
// close and business periods, configs and arguments that used to pass, and a code typed as an amount.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

let dir: string;
let sim: TrainingGateway;
let config: string;

function writeConfig(c: unknown, name = 'till.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(c));
  return path;
}

beforeEach(async () => {
  dir = tempDir('till-rules-');
  sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), paysAfterMs: 500 });
  config = writeConfig({ dataDir: 'data', alipay: { gateway: sim.url }, payment: { waitSeconds: 5, requestTimeoutMs: 3000 } });
});
afterEach(async () => sim.close());

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('item 5: a refund re-run by an unsure cashier', () => {
  it('asks for --again before refunding the same amount a second time', async () => {
    const paid = await pos(['pay', '--config', config, '--json', '--amount', '20.00', '--code', code('00')]);
    const no = String(paid.json!.outTradeNo);
    expect((await pos(['refund', '--config', config, '--json', '--out-trade-no', no, '--amount', '5.00'])).json).toMatchObject({ status: 'SUCCESS' });
    const again = await pos(['refund', '--config', config, '--json', '--out-trade-no', no, '--amount', '5.00']);
    expect(again.code).toBe(2);
    expect(again.json).toMatchObject({ refused: true, error: { code: 'REFUND_REPEATED' } });
    expect(String((again.json!.error as { message: string }).message)).toMatch(/was refunded .* ago .*--again/);
    expect(sim.requests().filter((r) => r.method === 'alipay.trade.refund')).toHaveLength(1);
    const other = await pos(['refund', '--config', config, '--json', '--out-trade-no', no, '--amount', '1.00']);
    expect(other.json).toMatchObject({ status: 'SUCCESS' }); // another amount is a new refund, not a re-run
    const confirmed = await pos(['refund', '--config', config, '--json', '--out-trade-no', no, '--amount', '1.00', '--again']);
    expect(confirmed.json).toMatchObject({ status: 'SUCCESS', refundedTotal: '7.00', left: '13.00' });
  }, 180_000);
});

describe('item 6: the Z close closes a business period', () => {
  it('books a sale after the Z into the next period; the reprint, pos report --period and the next Z agree', async () => {
    await pos(['pay', '--config', config, '--json', '--amount', '10.00', '--code', code('00')]);
    const z = await pos(['report', '--config', config, '--json', '--kind', 'Z']);
    expect(z.json).toMatchObject({ period: 1, closed: { zNumber: 1 }, paid: { count: 1, amount: '10.00' }, net: '10.00' });
    await pos(['pay', '--config', config, '--json', '--amount', '5.00', '--code', code('00')]);
    const open = await pos(['report', '--config', config, '--json']);
    expect(open.json).toMatchObject({ period: 2, closed: null, paid: { count: 1, amount: '5.00' }, net: '5.00' });
    const reprint = await pos(['report', '--config', config, '--json', '--kind', 'Z']);
    expect(reprint.stdout).toMatch(/Z|日结/);
    expect(reprint.json).toMatchObject({ paid: { amount: '10.00' }, net: '10.00' }); // the close as it was
    expect((await pos(['report', '--config', config, '--json', '--period', '1'])).json).toMatchObject({ period: 1, paid: { amount: '10.00' }, net: '10.00' });
    // The calendar day still shows both (by payment time, as Alipay's bill).
    expect((await pos(['report', '--config', config, '--json', '--date', String(open.json!.day)])).json).toMatchObject({ paid: { count: 2, amount: '15.00' } });
  }, 180_000);

  it('refuses a Z while a payment is unresolved', async () => {
    const offline = writeConfig({ dataDir: 'data', alipay: { gateway: 'http://127.0.0.1:9/gateway.do' }, payment: { waitSeconds: 5, requestTimeoutMs: 300 } }, 'offline.json');
    expect((await pos(['pay', '--config', offline, '--json', '--amount', '3.00', '--code', code('00')])).code).toBe(3);
    const z = await pos(['report', '--config', offline, '--json', '--kind', 'Z']);
    expect(z.code).toBe(2);
    expect(z.json).toMatchObject({ refused: true, error: { code: 'ATTEMPT_UNRESOLVED' } });
    expect(String((z.json!.error as { message: string }).message)).toMatch(/before the Z close/);
  }, 180_000);
});

describe('item 7: Alipay keys that cannot work are refused before anything is sent', () => {
  function keys(bits = 2048) {
    const k = generateKeyPairSync('rsa', { modulusLength: bits });
    return { priv: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), pub: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
  function live(privPem: string, alipayPem: string, name: string): string {
    mkdirSync(join(dir, 'keys'), { recursive: true });
    writeFileSync(join(dir, 'keys', `${name}-app.pem`), privPem);
    writeFileSync(join(dir, 'keys', `${name}-alipay.pem`), alipayPem);
    return writeConfig({ dataDir: 'data', alipay: { appId: '2021000123456789', gateway: sim.url, privateKeyPath: `keys/${name}-app.pem`, alipayPublicKeyPath: `keys/${name}-alipay.pem` } }, `${name}.json`);
  }

  it.each([
    ['the app\'s own public key', (k: { priv: string; pub: string }) => live(k.priv, k.pub, 'own'), /this app's own public key \(应用公钥\)/],
    ['a private key', (k: { priv: string; pub: string }) => live(k.priv, keys().priv, 'priv'), /is a private key, not the Alipay public key/],
    ['its own private key', (k: { priv: string; pub: string }) => live(k.priv, k.priv, 'same'), /is a private key/],
    ['a 1024-bit app key', () => live(keys(1024).priv, keys().pub, 'short'), /1024-bit RSA key; Alipay's RSA2 needs at least 2048 bits/],
    ['a 1024-bit Alipay key', (k: { priv: string; pub: string }) => live(k.priv, keys(1024).pub, 'shortpub'), /1024-bit RSA key/],
  ])('as alipayPublicKeyPath / key: %s → exit 2 with JSON, nothing sent', async (_what, make, why) => {
    const file = make(keys());
    const r = await pos(['pay', '--config', file, '--json', '--amount', '1.00', '--code', code('00')]);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ refused: true, error: { code: 'INVALID_CONFIG' } });
    expect(JSON.stringify(r.json)).toMatch(why);
    noStackTrace(r.stderr);
    expect(sim.requests()).toEqual([]);
  });
});

describe('item 8: a dataDir that is a file', () => {
  it.each([['is a file', 'afile'], ['lies under a file', 'afile/sub']])('%s: exit 2 with JSON under --json, no stack trace', async (why, dataDir) => {
    writeFileSync(join(dir, 'afile'), 'not a folder');
    const file = writeConfig({ dataDir, alipay: { gateway: sim.url } }, 'filedir.json');
    for (const cmd of [['pay', '--amount', '1.00', '--code', code('00')], ['report'], ['recover']]) {
      const r = await pos([cmd[0]!, '--config', file, '--json', ...cmd.slice(1)]);
      expect(r.code).toBe(2);
      expect(r.json).toMatchObject({ refused: true, error: { code: 'INVALID_CONFIG' } });
      expect(String((r.json!.error as { message: string }).message)).toMatch(new RegExp(`dataDir .* ${why}`));
      noStackTrace(r.stderr);
    }
    const text = await pos(['report', '--config', file]);
    expect(text.stderr).toMatch(/refused: .*dataDir/);
    noStackTrace(text.stderr);
  }, 180_000);
});

describe('item 9: a repeated option', () => {
  it('--amount 1.00 --amount 5.00 is refused, not charged as 5.00', async () => {
    const r = await pos(['pay', '--config', config, '--json', '--amount', '1.00', '--amount', '5.00', '--code', code('00')]);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ refused: true, error: { code: 'INVALID_ARGUMENT' } });
    expect(String((r.json!.error as { message: string }).message)).toMatch(/--amount is given more than once/);
    expect((await pos(['refund', '--config', config, '--json', '--out-trade-no', 'X', '--out-trade-no', 'Y', '--amount', '1'])).code).toBe(2);
    expect(sim.requests()).toEqual([]);
  });
});

describe('item 10: a payment code typed into the amount field', () => {
  it('is masked in the refusal (last four digits only)', async () => {
    const typed = '287634438256643900';
    const r = await pos(['pay', '--config', config, '--json', '--amount', typed, '--code', code('00')]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain(typed);
    expect(r.stdout).not.toMatch(/\d{10,}/);
    expect(String((r.json!.error as { message: string }).message)).toMatch(/\*+3900.*looks like a payment code/);
    const text = await pos(['pay', '--config', config, '--amount', typed, '--code', code('00')]);
    expect(text.stderr).not.toContain(typed);
    expect(text.stderr).toMatch(/付款码/);
  });
});
