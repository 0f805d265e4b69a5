// `pos gateway-sim` as a cashier or a second till runs it: a process of its own that answers signed
// requests, keeps its trades in <data-dir>/training-gateway.db and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/commands/gateway-sim.ts';
import { codeFor, newOutTradeNo, pay, query, startGateway, tempDir, till } from './training-fixture.ts';

const repo = resolve(import.meta.dirname, '../..');

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
}

describe('pos gateway-sim', () => {
  it('runs as a child process, answers signed requests, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    // process.execPath is the pinned Node 24 vitest runs on (plain `node` may be older).
    const child = spawn(process.execPath, ['cli/pos.js', 'gateway-sim', '--port', '0', '--data-dir', dataDir, '--pays-after-ms', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await expect.poll(() => /listening on (http:\/\/127\.0\.0\.1:\d+\/gateway\.do)/.exec(stdout)?.[1] ?? stderr, { timeout: 20_000 }).toMatch(/^http:/);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/gateway\.do)/.exec(stdout)![1]!;
      expect(stdout).toContain('287654321012345608');
      const sdk = till(url);
      const no = newOutTradeNo();
      // --pays-after-ms 0: the waiting trade is paid by the first query.
      expect((await pay(sdk, { outTradeNo: no, authCode: codeFor('01') })).code).toBe('10003');
      expect(await query(sdk, no)).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS' });
      expect(existsSync(join(dataDir, 'training-gateway.db'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('stopped (SIGTERM)');
  });

  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--pays-after-ms', '-5'], /pays-after-ms/],
    [['--data-dir', ''], /--data-dir must not be empty/],
    [['--colour'], /Unknown option '--colour'/],
    [['extra'], /positional/i],
  ])('refuses %j with exit code 2 and says why', async (argv, why) => {
    const { io, out, err } = captureIO();
    expect(await run(argv, io)).toBe(2);
    expect(err.join('')).toMatch(why);
    expect(err.join('')).toContain('usage: pos gateway-sim');
    expect(out).toEqual([]);
  });

  it('exits 1 with the reason when the port is taken', async () => {
    const busy = await startGateway();
    const { io, err } = captureIO();
    expect(await run(['--port', String(busy.port), '--data-dir', tempDir()], io)).toBe(1);
    expect(err.join('')).toMatch(/cannot listen on 127\.0\.0\.1:\d+.*EADDRINUSE/);
  });
});
