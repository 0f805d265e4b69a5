// `pos pay --qr` as a cashier runs it, in real processes against a training gateway outside them:
// the JSON event line the moment the code exists, the result last, the PNG, Ctrl-C, and a SIGKILL
// while the code is up settled by `pos recover` under the QR rules.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pos, startPos } from '../helpers/runPos.ts';
import { posTill, until, type PosTill } from '../helpers/posTill.ts';

let till: PosTill | undefined;
let dir: string | undefined;
afterEach(async () => {
  await till?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  till = undefined;
  dir = undefined;
});

async function open(payment: Record<string, number> = {}): Promise<PosTill> {
  dir = mkdtempSync(join(tmpdir(), 'till-qr-cli-'));
  till = await posTill(dir, { pollIntervalMs: 200, qrTimeoutSeconds: 30, ...payment });
  return till;
}

/** Starts `pos pay --qr …` and resolves with the parsed `qr` event line once it is printed. */
function payQr(t: PosTill, args: string[]) {
  const p = startPos(['pay', '--qr', '--config', t.config, ...args]);
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

describe('pos pay --qr', () => {
  it('prints the qr event line first and the result object last; the code pays; --qr-png writes a PNG', async () => {
    const t = await open();
    const png = join(t.dir, 'qr.png');
    const p = payQr(t, ['--amount', '12.34', '--json', '--qr-png', png]);
    const ev = await p.event;
    expect(ev).toMatchObject({ event: 'qr', provider: 'alipay' });
    expect(String(ev.outTradeNo)).toMatch(/^TR/);
    expect(Date.parse(String(ev.expiresAt))).toBeGreaterThan(Date.now());
    const res = await fetch(String(ev.qrCode), { method: 'POST' });
    expect(res.status).toBe(200);
    const r = await p.done;
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'SUCCESS', outTradeNo: ev.outTradeNo, amount: '12.34', provider: 'alipay' });
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'qr' });
    await until(() => existsSync(png), 'the PNG');
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('prints the code in the terminal without --json; Ctrl-C closes it: CANCELLED, exit 1', async () => {
    const t = await open();
    const p = startPos(['pay', '--qr', '--config', t.config, '--amount', '3.00']);
    let err = '';
    p.child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    await until(() => err.includes('请扫码支付'), 'the QR in the terminal');
    expect(err).toMatch(/[▀▄█]/); // the code itself, drawn with block characters
    p.child.kill('SIGINT');
    const r = await p.done;
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^CANCELLED/);
  });

  it('refuses a bad --provider and an unconfigured one with exit 2, sending nothing', async () => {
    const t = await open();
    const bad = await pos(['pay', '--qr', '--config', t.config, '--amount', '1.00', '--provider', 'paypal', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json).toMatchObject({ refused: true, error: { code: 'INVALID_ARGUMENT' } });
    expect(t.sim.requests()).toHaveLength(0);
  });

  it('SIGKILL while the code is up, the customer pays, then pos recover settles it as SUCCESS (charged once)', async () => {
    const t = await open();
    const p = payQr(t, ['--amount', '4.00', '--json']);
    const ev = await p.event;
    p.child.kill('SIGKILL');
    await p.done;
    const res = await fetch(String(ev.qrCode), { method: 'POST' });
    expect(res.status).toBe(200);
    const r = await pos(['recover', '--config', t.config, '--json']);
    expect(r.code).toBe(0);
    const j = t.journal();
    try {
      expect(j.getAttempt(String(ev.outTradeNo))).toMatchObject({ state: 'SUCCESS', method: 'qr', amountFen: 400 });
    } finally {
      j.close();
    }
    expect(t.sim.chargeCount(String(ev.outTradeNo))).toBe(1);
  });

  it('SIGKILL while the code is up and nobody pays: pos recover closes it at expiry, CANCELLED', async () => {
    const t = await open({ qrTimeoutSeconds: 3 });
    const p = payQr(t, ['--amount', '4.97', '--json']);
    const ev = await p.event;
    p.child.kill('SIGKILL');
    await p.done;
    const r = await pos(['recover', '--config', t.config, '--json']);
    expect(r.code).toBe(0);
    const j = t.journal();
    try {
      expect(j.getAttempt(String(ev.outTradeNo))).toMatchObject({ state: 'CANCELLED', cancelReason: 'expired' });
    } finally {
      j.close();
    }
    expect(t.sim.requests().map((x) => x.method)).toContain('alipay.trade.close');
  });
});
