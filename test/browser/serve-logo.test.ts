// `pos serve` with the shop's logo (issue 9 item 15), as a real process: a bad logo file stops the
// start with its path and the reason in English and Chinese; a good one reaches a customer display
// the moment its socket subscribes, before any payment.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { shopLogoPng } from '../helpers/logoPng.ts';
import { startPos } from '../helpers/runPos.ts';

const dir = mkdtempSync(join(tmpdir(), 'till-serve-logo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(name: string, logoPath: string): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ dataDir: join(dir, name), shop: { name: '测试便利店', logoPath } }));
  return file;
}

describe('pos serve and the shop logo', () => {
  it('refuses to start with a missing logo file, naming it, in both languages', async () => {
    const { done } = startPos(['serve', '--port', '0', '--config', config('missing', 'nope.png')]);
    const run = await done;
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`shop.logoPath ${join(dir, 'nope.png')}: no such file`);
    expect(run.stderr).toContain('文件不存在');
  });

  it('sends the logo to a customer display as soon as it subscribes', async () => {
    const logo = shopLogoPng();
    writeFileSync(join(dir, 'logo.png'), logo);
    const { child, done } = startPos(['serve', '--port', '0', '--config', config('good', 'logo.png')]);
    try {
      let out = '';
      const customerUrl = await new Promise<URL>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/customer#launch=[\w-]+)/.exec(out);
          if (m && out.includes('Ctrl+C')) resolve(new URL(m[1]!));
        });
        child.on('exit', () => reject(new Error(`pos serve ended early:\n${out}`)));
      });
      const ws = new WebSocket(`ws://${customerUrl.host}/ws`, [`till.launch.${customerUrl.hash.slice('#launch='.length)}`], { headers: { origin: customerUrl.origin } });
      const pushed = await new Promise<{ event: string; payload: Record<string, unknown> }>((resolve, reject) => {
        ws.on('message', (d) => {
          const m = JSON.parse(String(d)) as { type: string; event: string; payload: Record<string, unknown> };
          if (m.type === 'session') ws.send(JSON.stringify({ type: 'subscribe', events: ['pos:customer:changed'] }));
          if (m.type === 'push') resolve(m);
        });
        ws.once('error', reject);
      });
      ws.close();
      expect(pushed.event).toBe('pos:customer:changed');
      expect(pushed.payload).toEqual({ idle: true, training: true, shopName: '测试便利店', logo: `data:image/png;base64,${logo.toString('base64')}` });
    } finally {
      child.kill('SIGINT');
      await done;
    }
  });
});
