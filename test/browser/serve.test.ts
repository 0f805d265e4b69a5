// `pos serve` as a cashier runs it: prints the single-use cashier address and the customer
// display's, hands out a session for the first, and stops cleanly on Ctrl+C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startPos } from '../helpers/runPos.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'till-serve-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('pos serve', () => {
  it('prints both addresses with a launch token in the fragment, prints a fresh one once it is used, and stops on SIGINT', async () => {
    const { child, done } = startPos(['serve', '--port', '0', '--data-dir', dataDir]);
    let out = '';
    const lookers = new Set<() => void>();
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      for (const look of lookers) look();
    });
    const waitFor = (re: RegExp) => new Promise<string>((resolve, reject) => {
      const look = () => {
        const m = re.exec(out);
        if (m && out.includes('Ctrl+C')) {
          lookers.delete(look);
          resolve(m[1] ?? m[0]);
        }
      };
      lookers.add(look);
      look();
      child.on('exit', () => reject(new Error(`pos serve ended early:\n${out}`)));
    });
    const address = await waitFor(/http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+/);
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/customer#launch=[\w-]+/);
    expect(out).toContain('TRAINING MODE');
    const url = new URL(address);
    const page = await fetch(url.origin);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('<div id="root">');
    // The page's first socket spends the launch token and gets its session.
    const ws = new WebSocket(`ws://${url.host}/ws`, [`till.launch.${url.hash.slice('#launch='.length)}`], { headers: { origin: url.origin } });
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d) => resolve(String(d)));
      ws.once('error', reject);
    });
    expect(JSON.parse(first)).toMatchObject({ type: 'session', role: 'cashier' });
    ws.close();
    const next = await waitFor(/was used[^\n]*\n\s+(http:\/\/127\.0\.0\.1:\d+\/#launch=[\w-]+)/);
    expect(next).not.toBe(address);
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
