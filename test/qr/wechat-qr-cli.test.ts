// `pos pay --qr --provider wechat` in real processes against a WeChat training gateway outside them
// (wechat.baseUrl): the qr event line, the result, and a SIGKILL while the WeChat code is up,
// settled by `pos recover` under the QR rules (query NOTPAY → waiting; paid → SUCCESS once; unpaid →
// close at expiry → CANCELLED).
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WechatTrainingGateway } from '../../app/gateway/wechat/training/index.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { keys, startSim, tempDir } from '../gateway/wechat/fixture.ts';
import { pos, startPos } from '../helpers/runPos.ts';

async function setUp(qrTimeoutSeconds = 30): Promise<{ sim: WechatTrainingGateway; config: string; journal: () => SqliteJournal }> {
  const dir = tempDir();
  const sim = await startSim();
  const config = join(dir, 'till.json');
  writeFileSync(config, JSON.stringify({ dataDir: 'data', wechat: { baseUrl: sim.url }, payment: { pollIntervalMs: 200, qrTimeoutSeconds, requestTimeoutMs: 3000 } }));
  return { sim, config, journal: () => new SqliteJournal(join(dir, 'data', 'journal-training.db')) };
}

function payQr(config: string, args: string[]) {
  const p = startPos(['pay', '--qr', '--provider', 'wechat', '--config', config, ...args]);
  let out = '';
  const event = new Promise<Record<string, unknown>>((resolve) => {
    p.child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"event":"qr"'));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
  return { ...p, event };
}

describe('pos pay --qr --provider wechat', () => {
  it('prints the qr event (provider wechat), the code pays, the result is SUCCESS with the transaction_id', async () => {
    const { sim, config } = await setUp();
    const p = payQr(config, ['--amount', '12.34', '--json']);
    const ev = await p.event;
    expect(ev).toMatchObject({ event: 'qr', provider: 'wechat' });
    expect(String(ev.qrCode)).toContain(`/training/qr/${String(ev.outTradeNo)}`);
    expect(sim.stateOf(String(ev.outTradeNo))).toBe('NOTPAY');
    const res = await fetch(String(ev.qrCode), { method: 'POST' });
    expect(res.status).toBe(200);
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', outTradeNo: ev.outTradeNo, amount: '12.34', provider: 'wechat', tradeNo: expect.stringMatching(/^4200/) });
  });

  it('SIGKILL while the WeChat code is up, the customer pays, then pos recover settles it SUCCESS (charged once)', async () => {
    const { sim, config, journal } = await setUp();
    const p = payQr(config, ['--amount', '4.00', '--json']);
    const ev = await p.event;
    p.child.kill('SIGKILL');
    expect((await p.done).signal).toBe('SIGKILL');
    const before = journal();
    try {
      expect(before.getAttempt(String(ev.outTradeNo))).toMatchObject({ state: 'WAITING', method: 'qr', provider: 'wechat' });
    } finally {
      before.close();
    }
    expect(sim.simulateQrScan(String(ev.outTradeNo))).toMatchObject({ paid: true });
    const r = await pos(['recover', '--config', config, '--json']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ unresolved: 0, payments: [{ outTradeNo: ev.outTradeNo, status: 'SUCCESS', provider: 'wechat' }] });
    const after = journal();
    try {
      expect(after.getAttempt(String(ev.outTradeNo))).toMatchObject({ state: 'SUCCESS', method: 'qr', amountFen: 400 });
    } finally {
      after.close();
    }
    expect(sim.chargeCount(String(ev.outTradeNo))).toBe(1);
  });

  it('SIGKILL while the WeChat code is up and nobody pays: pos recover closes it at expiry, CANCELLED, the order CLOSED', async () => {
    const { sim, config, journal } = await setUp(3);
    const p = payQr(config, ['--amount', '4.97', '--json']);
    const ev = await p.event;
    p.child.kill('SIGKILL');
    await p.done;
    const r = await pos(['recover', '--config', config, '--json']);
    expect(r.code).toBe(0);
    const j = journal();
    try {
      expect(j.getAttempt(String(ev.outTradeNo))).toMatchObject({ state: 'CANCELLED', cancelReason: 'expired' });
    } finally {
      j.close();
    }
    expect(sim.requests().map((x) => x.route)).toContain('close');
    expect(sim.stateOf(String(ev.outTradeNo))).toBe('CLOSED');
    expect(sim.chargeCount(String(ev.outTradeNo))).toBe(0);
  });

  it('a wechat.notifyUrl that is not https is refused when the configuration loads: exit 2, naming the key', async () => {
    const dir = tempDir();
    const config = join(dir, 'till.json');
    writeFileSync(config, JSON.stringify({ dataDir: 'data', wechat: { notifyUrl: 'http://hq.example.com/notify' } }));
    const bad = await pos(['pay', '--qr', '--provider', 'wechat', '--config', config, '--amount', '1.00', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.stringify(bad.json)).toContain('wechat.notifyUrl');
  });

  it('a live WeChat till without wechat.notifyUrl refuses a WeChat QR with exit 2 naming the key, sending nothing', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'keys'));
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'keys', 'apiclient_key.pem'), keys.merchantPrivateKey);
    writeFileSync(join(dir, 'keys', 'pub_key.pem'), pair.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const sim = await startSim();
    const config = join(dir, 'till.json');
    writeFileSync(config, JSON.stringify({
      dataDir: 'data',
      wechat: {
        mchId: '1900000109', appId: 'wx8888888888888888', baseUrl: sim.url, privateKeyPath: 'keys/apiclient_key.pem', certSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000000',
        wechatPayPublicKeyPath: 'keys/pub_key.pem', wechatPayPublicKeyId: 'PUB_KEY_ID_0114232134912410000000000000',
      },
    }));
    const r = await pos(['pay', '--qr', '--provider', 'wechat', '--config', config, '--amount', '1.00', '--json']);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ refused: true, error: { code: 'INVALID_CONFIG' } });
    expect(JSON.stringify(r.json)).toContain('wechat.notifyUrl');
    expect(sim.requests()).toHaveLength(0);
  });
});
