// The built main process (dist/main.js) run under plain Node with a stand-in 'electron' module:
// the bundle resolves its imports, finds the files its sources find beside themselves (the
// training keys), and starts the till. The Electron binary itself cannot run on the build machines.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/protocol.ts';
import { buildElectron } from '../../scripts/build-electron.ts';
import { tempDir } from '../helpers/tempDir.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const FAKE_ELECTRON = pathToFileURL(join(import.meta.dirname, 'fixtures', 'fake-electron.mjs')).href;

// Inside the repository, so the bundle's bare imports resolve from its node_modules as they do from dist/.
mkdirSync(join(ROOT, 'dist'), { recursive: true });
const outDir = mkdtempSync(join(ROOT, 'dist', '.bundle-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('dist/main.js', () => {
  it('starts the till in training mode and serves the contract to its window', async () => {
    const { main } = await buildElectron({ outDir });
    const hooks = join(outDir, 'hooks.mjs');
    writeFileSync(hooks, `export async function resolve(spec, context, next) { return spec === 'electron' ? { url: ${JSON.stringify(FAKE_ELECTRON)}, shortCircuit: true } : next(spec, context); }\n`);
    const register = join(outDir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const workDir = tempDir('till-bundle-');

    const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, main, `--pos-cwd=${workDir}`], {
      env: { ...process.env, FAKE_USER_DATA: workDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(lines[0]).toEqual({ schemes: ['app'] });
    expect(lines).toContainEqual({ loaded: 'app://pos/index.html', preload: join(ROOT, 'dist', 'preload.cjs'), sandbox: true });
    expect(lines).toContainEqual(expect.objectContaining({ served: 'app://pos/index.html' }));
    const served = lines.find((l) => l.served) as { status: number; csp: string | null };
    if (served.status === 200) expect(served.csp).toBe(CONTENT_SECURITY_POLICY);
    expect(lines.find((l) => l.info)).toMatchObject({ info: { ok: true, data: { training: true, shopName: '收银台', version: '9.9.9', customerDisplayUrl: null } } });
  });
});
