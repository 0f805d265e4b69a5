// TRY item 8: head office unreachable. A one-off command (pos hq reconcile / report) is over when
// it fails, so it says to check the connection and run it again — not the syncer's "the till
// retries by itself", which stays true for pos sync (the events wait on the till). Real processes;
// nothing listens on 127.0.0.1:1, so no PostgreSQL is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';

const DOWN = 'postgres://till@127.0.0.1:1/chain';

function setUp(): { dir: string; config: string } {
  const dir = tempDir('till-hq-down-');
  writeFileSync(join(dir, 'hq.pw'), 'secret\n');
  const config = join(dir, 'till.json');
  writeFileSync(config, JSON.stringify({ dataDir: 'data', till: { id: 'S09-T01' }, hq: { postgres: DOWN, passwordFile: 'hq.pw' } }));
  mkdirSync(join(dir, 'data'), { recursive: true });
  return { dir, config };
}

describe('head office unreachable', () => {
  it('pos hq reconcile: exit 2, says nothing was changed and to run it again; no promise of a retry', async () => {
    const { config } = setUp();
    const r = await pos(['hq', 'reconcile', '--config', config, '--date', '2026-12-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Head office cannot be reached: cannot reach head office at .*127\.0\.0\.1:1.*; nothing was changed; check the network and hq\.postgres \(or --postgres\), then run pos hq reconcile again/);
    expect(r.stderr).toContain('请检查网络及 hq.postgres（或 --postgres）后重新运行 pos hq reconcile');
    expect(r.stderr).not.toMatch(/retries by itself|自动重试/);
    const json = await pos(['hq', 'reconcile', '--config', config, '--date', '2026-12-01', '--json']);
    expect(json.json).toMatchObject({ refused: true, error: { code: 'HQ_UNREACHABLE', message: expect.stringContaining('run pos hq reconcile again') } });
  });

  it('pos hq report: the same advice for its own command', async () => {
    const r = await pos(['hq', 'report', '--postgres', DOWN, '--date', '2026-12-01', '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'HQ_UNREACHABLE', message: expect.stringContaining('then run pos hq report again'), messageZh: expect.not.stringContaining('自动重试') } });
  });

  it("pos sync --once keeps the syncer's word: the events stay on the till, which retries by itself", async () => {
    const { config } = setUp();
    const r = await pos(['sync', '--once', '--config', config, '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ status: 'UNREACHABLE', error: { code: 'HQ_UNREACHABLE', message: expect.stringContaining('the till retries by itself'), messageZh: expect.stringContaining('稍后自动重试') } });
  });
});
