import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateElectron, windowProblem, run, type ElectronBinary, type StartDeps } from '../../cli/commands/start.ts';
import type { CliIO } from '../../cli/io.ts';
import { shellArgs } from '../../main/args.ts';
import { tempDir } from '../helpers/tempDir.ts';

const REPO = resolve(import.meta.dirname, '..', '..');

/** A project folder with node_modules/electron as npm leaves it, with or without the binary. */
function project(o: { binary?: 'present' | 'missing' | 'not-downloaded'; pkg?: boolean } = {}) {
  const root = tempDir('till-start-');
  writeFileSync(join(root, 'package.json'), '{"name":"x"}');
  if (o.pkg === false) return root;
  const pkg = join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), '{"name":"electron","version":"45.4.1","main":"index.js"}');
  // index.js would download the binary when required; locateElectron must never require it.
  writeFileSync(join(pkg, 'index.js'), 'throw new Error("index.js was required")');
  if (o.binary === 'present' || o.binary === 'missing') writeFileSync(join(pkg, 'path.txt'), 'electron');
  if (o.binary === 'present') {
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'electron'), '');
  }
  return root;
}

describe('locateElectron', () => {
  it('finds the binary named by path.txt without requiring the package', () => {
    const root = project({ binary: 'present' });
    expect(locateElectron({}, root)).toEqual({ found: true, path: join(root, 'node_modules', 'electron', 'dist', 'electron'), version: '45.4.1' });
  });

  it('says the binary was never downloaded, and how to get it, when npm installed only the package', () => {
    const r = locateElectron({}, project({ binary: 'not-downloaded' }));
    expect(r.found).toBe(false);
    expect((r as { why: string }).why).toMatch(/Electron 45\.4\.1 binary is not installed.*GitHub.*npx install-electron.*ELECTRON_MIRROR/);
  });

  it('says where the binary should be when path.txt names a missing file', () => {
    const r = locateElectron({}, project({ binary: 'missing' }));
    expect((r as { why: string }).why).toMatch(/should be at .*dist.electron but is not/);
  });

  it('says npm install is needed when the package itself is missing', () => {
    expect(locateElectron({}, project({ pkg: false }))).toEqual({ found: false, why: expect.stringMatching(/electron npm package is not installed/) });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const root = project({ binary: 'missing' });
    const elsewhere = tempDir('till-electron-');
    writeFileSync(join(elsewhere, 'electron'), '');
    expect(locateElectron({ ELECTRON_OVERRIDE_DIST_PATH: elsewhere }, root)).toMatchObject({ found: true, path: join(elsewhere, 'electron') });
  });
});

describe('windowProblem', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY, and a user other than root, on Linux only', () => {
    expect(windowProblem('linux', {}, 1000)).toMatch(/no graphical display/);
    expect(windowProblem('linux', { DISPLAY: ':0' }, 1000)).toBeNull();
    expect(windowProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' }, 1000)).toBeNull();
    expect(windowProblem('linux', { DISPLAY: ':0' }, 0)).toMatch(/does not run as root/);
    expect(windowProblem('win32', {}, undefined)).toBeNull();
    expect(windowProblem('darwin', {}, 501)).toBeNull();
  });
});

function harness(o: { electron?: ElectronBinary; display?: string | null; missing?: string[]; serveFails?: boolean; childExit?: number } = {}) {
  const out: string[] = [];
  const io: CliIO = { out: (s) => void out.push(s), err: (s) => void out.push(s) };
  const launched: Array<{ path: string; args: string[] }> = [];
  const served: string[][] = [];
  let located = 0;
  const deps: StartDeps = {
    locate: () => {
      located++;
      return o.electron ?? { found: false, why: 'the Electron 45.4.1 binary is not installed' };
    },
    windowProblem: () => o.display ?? null,
    missingBuild: () => o.missing ?? [],
    launch: (path, args) => {
      launched.push({ path, args });
      const child = new EventEmitter() as ChildProcess;
      child.kill = () => true;
      setImmediate(() => child.emit('exit', o.childExit ?? 0, null));
      return child;
    },
    serve: async () => {
      if (o.serveFails) throw new Error('Cannot find module ./serve.ts');
      return { run: async (argv) => {
        served.push(argv);
        io.out('the till (browser mode) is at:\n  http://127.0.0.1:8960/#token\n');
        return 0;
      } };
    },
    cwd: '/shop',
  };
  return { deps, io, text: () => out.join(''), launched, served, located: () => located };
}

describe('pos start', () => {
  it('says why Electron cannot run and starts browser mode instead, passing on --config and --port', async () => {
    const h = harness();
    expect(await run(['--config', 'till.config.json', '--port', '0'], h.io, h.deps)).toBe(0);
    expect(h.launched).toEqual([]);
    expect(h.served).toEqual([['--config', 'till.config.json', '--port', '0']]);
    expect(h.text()).toMatch(/not opening the desktop app: the Electron 45\.4\.1 binary is not installed\.\nStarting browser mode instead/);
    expect(h.text()).toContain('http://127.0.0.1:8960/');
  });

  it('starts browser mode where there is no display to open a window on', async () => {
    const h = harness({ electron: { found: true, path: '/e/electron', version: '45.4.1' }, display: 'there is no graphical display' });
    await run([], h.io, h.deps);
    expect(h.launched).toEqual([]);
    expect(h.served).toHaveLength(1);
    expect(h.text()).toContain('there is no graphical display');
  });

  it('opens the Electron app on this repository, telling it the working folder and config, and returns its exit code', async () => {
    const h = harness({ electron: { found: true, path: '/e/electron', version: '45.4.1' }, childExit: 3 });
    expect(await run(['--config', 'shop.json'], h.io, h.deps)).toBe(3);
    expect(h.launched).toEqual([{ path: '/e/electron', args: [REPO, '--pos-cwd=/shop', `--config=${resolve('/shop', 'shop.json')}`] }]);
    expect(h.served).toEqual([]);
    expect(h.text()).toMatch(/training mode/);
    // What main/index.ts reads back from Electron's argv.
    expect(shellArgs(['/e/electron', ...h.launched[0]!.args])).toEqual({ config: resolve('/shop', 'shop.json'), workDir: '/shop' });
    expect(shellArgs(['/opt/The Till/the-till'])).toEqual({ config: undefined, workDir: undefined });
  });

  it('refuses to open an unbuilt app and says how to build it', async () => {
    const h = harness({ electron: { found: true, path: '/e/electron', version: '45.4.1' }, missing: ['dist/main.js'] });
    expect(await run([], h.io, h.deps)).toBe(2);
    expect(h.launched).toEqual([]);
    expect(h.text()).toMatch(/dist\/main\.js missing.*npm run build/);
  });

  it('goes straight to browser mode with --browser', async () => {
    const h = harness({ electron: { found: true, path: '/e/electron', version: '45.4.1' } });
    await run(['--browser'], h.io, h.deps);
    expect(h.located()).toBe(0);
    expect(h.served).toEqual([[]]);
  });

  it('says so when browser mode cannot be loaded either', async () => {
    const h = harness({ serveFails: true });
    expect(await run([], h.io, h.deps)).toBe(1);
    expect(h.text()).toMatch(/browser mode is not available either: Cannot find module/);
  });

  it('refuses unknown options', async () => {
    const h = harness();
    expect(await run(['--electron-flags', 'x'], h.io, h.deps)).toBe(2);
    expect(h.served).toEqual([]);
  });
});
