// `pos` with WeChat codes, end to end: real child processes, the WeChat training gateway over HTTP
// (run here, the till pointed at it with wechat.baseUrl), real SQLite files.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../../app/journal/SqliteJournal.ts';
import { pos, startPos } from '../../helpers/runPos.ts';
import { keys, startSim, tempDir, wxCode } from './fixture.ts';

let dir: string;

function writeConfig(c: unknown, name = 'till.json'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof c === 'string' ? c : JSON.stringify(c));
  return path;
}

beforeEach(() => {
  dir = tempDir();
});

describe('pos pay / recover with WeChat codes (training)', () => {
  it('pays 134567890123456700 in training mode with no configuration at all', async () => {
    const r = await pos(['pay', '--json', '--amount', '12.34', '--code', '134567890123456700'], dir);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', amount: '12.34', provider: 'wechat', training: true, tradeNo: expect.stringMatching(/^4200/) });
  });

  it('settles a payment killed with SIGKILL while the customer was confirming (…01): pos recover finds it paid, charged once', async () => {
    const sim = await startSim({ paysAfterMs: 1500 });
    const config = writeConfig({ dataDir: 'data', wechat: { baseUrl: sim.url }, payment: { waitSeconds: 20, requestTimeoutMs: 3000 } });
    const run = startPos(['pay', '--config', config, '--json', '--amount', '8.88', '--code', wxCode('01')]);
    while (!sim.requests().some((x) => x.route === 'query')) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    const outTradeNo = sim.requests()[0]!.outTradeNo!;
    const before = new SqliteJournal(join(dir, 'data', 'journal-training.db'));
    expect(before.getAttempt(outTradeNo)).toMatchObject({ state: 'WAITING', provider: 'wechat' });
    before.close();
    const r = await pos(['recover', '--config', config, '--json']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', unresolved: 0, payments: [{ outTradeNo, status: 'SUCCESS', provider: 'wechat' }] });
    expect(sim.chargeCount(outTradeNo)).toBe(1);
    const after = new SqliteJournal(join(dir, 'data', 'journal-training.db'));
    expect(after.getAttempt(outTradeNo)!.state).toBe('SUCCESS');
    after.close();
  });
});

describe('bad WeChat configuration is refused with exit 2, naming the field', () => {
  function liveKeys(): { priv: string; pub: string } {
    mkdirSync(join(dir, 'keys'), { recursive: true });
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'keys', 'apiclient_key.pem'), keys.merchantPrivateKey);
    writeFileSync(join(dir, 'keys', 'pub_key.pem'), pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    return { priv: 'keys/apiclient_key.pem', pub: 'keys/pub_key.pem' };
  }
  const live = (k: { priv: string; pub: string }, more: Record<string, unknown> = {}) => ({
    dataDir: 'data',
    wechat: {
      mchId: '1900000109', appId: 'wx8888888888888888', baseUrl: 'http://127.0.0.1:9', privateKeyPath: k.priv, certSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000000',
      wechatPayPublicKeyPath: k.pub, wechatPayPublicKeyId: 'PUB_KEY_ID_0114232134912410000000000000', ...more,
    },
  });

  it.each([
    ['mchId without the keys', () => ({ wechat: { mchId: '1900000109', appId: 'wx8888888888888888' } }), /wechat\.privateKeyPath.*wechat\.certSerialNo.*wechat\.wechatPayPublicKeyPath.*wechat\.wechatPayPublicKeyId/],
    ['a malformed mchId', () => ({ wechat: { mchId: '19x' } }), /wechat\.mchId/],
    ['keys without mchId', () => ({ wechat: { privateKeyPath: 'k.pem' } }), /wechat\.privateKeyPath is set but wechat\.mchId is missing/],
    ['an unknown field', () => ({ wechat: { mchid: '1900000109' } }), /wechat/],
    ['a bad public key id', () => live(liveKeys(), { wechatPayPublicKeyId: 'KEY-1' }), /wechat\.wechatPayPublicKeyId/],
    ['plain http to a remote gateway', () => live(liveKeys(), { baseUrl: 'http://api.mch.weixin.qq.com' }), /wechat\.baseUrl/],
    ['an unreadable private key file', () => live({ ...liveKeys(), priv: 'keys/missing.pem' }), /wechat\.privateKeyPath/],
    ['the training public key on a live till', () => {
      const k = liveKeys();
      writeFileSync(join(dir, k.pub), keys.wechatPayPublicKey);
      return live(k);
    }, /training/],
  ])('%s', async (_what, make, message) => {
    const config = writeConfig(make());
    const r = await pos(['pay', '--config', config, '--json', '--amount', '1.00', '--code', wxCode('00')]);
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toMatch(message);
  });

  it('a live WeChat-only till refuses an Alipay code (exit 2, naming Alipay), nothing sent', async () => {
    const config = writeConfig(live(liveKeys()));
    const r = await pos(['pay', '--config', config, '--json', '--amount', '1.00', '--code', '287634438256643900']);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ error: { code: 'PROVIDER_NOT_CONFIGURED' } });
    expect(`${r.stdout}`).toMatch(/Alipay code.*Alipay is not configured.*WeChat Pay code/);
  });
});
