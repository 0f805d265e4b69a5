// `pos serve` as a cashier runs it: prints the address with the token and the customer display's,
// serves the screen only with that token, and stops cleanly on Ctrl+C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPos } from '../helpers/runPos.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'till-serve-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('pos serve', () => {
  it('prints both addresses with the token, serves with it, and stops on SIGINT', async () => {
    const { child, done } = startPos(['serve', '--port', '0', '--data-dir', dataDir]);
    let out = '';
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
        if (m && out.includes('Ctrl+C')) resolve(m[0]);
      });
      child.on('exit', () => reject(new Error(`pos serve ended early:\n${out}`)));
    });
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/customer\?token=[\w-]+/);
    expect(out).toContain('TRAINING MODE');
    const origin = new URL(address).origin;
    expect((await fetch(`${origin}/`, { redirect: 'manual' })).status).toBe(401);
    const r = await fetch(address, { redirect: 'manual' });
    expect(r.status).toBe(303);
    const page = await fetch(`${origin}/`, { headers: { cookie: r.headers.get('set-cookie')!.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    child.kill('SIGINT');
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('the till stopped (SIGINT)');
  });

  it('refuses a bad port before starting anything', async () => {
    const { done } = startPos(['serve', '--port', 'http']);
    const run = await done;
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port must be a whole number');
  });
});
