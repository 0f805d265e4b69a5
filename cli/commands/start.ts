// `pos start` (what `npm start` runs): opens the till as the Electron desktop app. Where Electron
// cannot run — its binary was never downloaded, or there is no display — it says why and runs
// browser mode (`pos serve`) instead, which prints the address to open.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parse, refuse } from '../common.ts';
import type { CliIO } from '../io.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

export type ElectronBinary = { found: true; path: string; version: string } | { found: false; why: string };

const HOW_TO_GET_IT = 'get it with `npx install-electron` on a machine that can reach GitHub (where GitHub is blocked, set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ first)';

/**
 * Finds the Electron binary the way the electron package's own index.js does (path.txt names it
 * under dist/, ELECTRON_OVERRIDE_DIST_PATH overrides the folder), without its side effect:
 * requiring the package downloads a missing binary from GitHub, which here would hang instead of
 * failing. `npm install` does not fetch it either: allowScripts keeps electron's install script off.
 */
export function locateElectron(env: NodeJS.ProcessEnv = process.env, root: string = ROOT): ElectronBinary {
  let pkgDir: string;
  let version: string;
  try {
    const pkgJson = createRequire(join(root, 'package.json')).resolve('electron/package.json');
    pkgDir = dirname(pkgJson);
    version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  } catch {
    return { found: false, why: 'the electron npm package is not installed (run npm install)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { found: false, why: `the Electron ${version} binary is not installed: npm installs only the electron package, and Electron downloads its binary from GitHub (github.com/electron/electron/releases) on first use, which this machine cannot reach; ${HOW_TO_GET_IT}` };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const path = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron') : join(pkgDir, 'dist', relative);
  if (!existsSync(path)) return { found: false, why: `the Electron ${version} binary should be at ${path} but is not (an interrupted download?); ${HOW_TO_GET_IT}` };
  return { found: true, path, version };
}

/**
 * Why Electron cannot open a window here, or null. Linux needs an X11 or Wayland display, and
 * Chromium's sandbox refuses to run as root (the till's windows are sandboxed on purpose).
 */
export function windowProblem(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, uid: number | undefined = process.getuid?.()): string | null {
  if (platform !== 'linux') return null;
  if (uid === 0) return 'Electron does not run as root on Linux (Chromium\'s sandbox refuses it); run the till as the cashier\'s own user';
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set), so Electron cannot open a window';
  return null;
}

/** What scripts/build-electron.ts and the renderer build leave in dist/; the desktop app needs all of it. */
export const BUILT_FILES = ['dist/main.js', 'dist/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/customer.html'];

export type StartDeps = {
  locate: () => ElectronBinary;
  windowProblem: () => string | null;
  missingBuild: () => string[];
  launch: (electronPath: string, args: string[]) => ChildProcess;
  serve: () => Promise<{ run: (argv: string[], io: CliIO) => Promise<number> }>;
  cwd: string;
};

function launchElectron(electronPath: string, args: string[]): ChildProcess {
  const env = { ...process.env };
  // Set by some tools (and by Electron for its own helpers): it would make the binary a plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  return spawn(electronPath, args, { stdio: 'inherit', env, windowsHide: false });
}

const DEFAULT_DEPS: StartDeps = {
  locate: () => locateElectron(),
  windowProblem: () => windowProblem(),
  missingBuild: () => BUILT_FILES.filter((f) => !existsSync(join(ROOT, f))),
  launch: launchElectron,
  serve: () => import('./serve.ts'),
  cwd: process.cwd(),
};

function waitForExit(child: ChildProcess): Promise<number> {
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((done) => {
    const finish = (code: number) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      done(code);
    };
    child.once('error', () => finish(1));
    child.once('exit', (code) => finish(code ?? 1));
  });
}

export async function run(argv: string[], io: CliIO, deps: StartDeps = DEFAULT_DEPS): Promise<number> {
  let values: { config?: string | undefined; port?: string | undefined; browser?: boolean | undefined };
  try {
    ({ values } = parse(argv, { port: { type: 'string' }, browser: { type: 'boolean', default: false } }));
  } catch (e) {
    return refuse(io, false, e);
  }
  const serveArgs = [...(values.config !== undefined ? ['--config', values.config] : []), ...(values.port !== undefined ? ['--port', values.port] : [])];

  let why: string | null = 'browser mode was asked for (--browser)';
  let electron: ElectronBinary | undefined;
  if (!values.browser) {
    electron = deps.locate();
    why = electron.found ? deps.windowProblem() : electron.why;
  }

  if (why === null && electron?.found) {
    const missing = deps.missingBuild();
    if (missing.length > 0) {
      io.err(`pos start: the desktop app is not built (${missing.join(', ')} missing); run \`npm run build\` first, or \`npm start\`, which builds it\n`);
      return 2;
    }
    io.err(`opening the till in Electron ${electron.version} (training mode until Alipay credentials are configured)…\n`);
    const args = [ROOT, `--pos-cwd=${deps.cwd}`, ...(values.config !== undefined ? [`--config=${resolve(deps.cwd, values.config)}`] : [])];
    return waitForExit(deps.launch(electron.path, args));
  }

  io.err(`pos start: not opening the desktop app: ${why}.\nStarting browser mode instead: open the address below in Chromium or Chrome.\n`);
  let serve: Awaited<ReturnType<StartDeps['serve']>>;
  try {
    serve = await deps.serve();
  } catch (e) {
    io.err(`pos start: browser mode is not available either: ${(e as Error).message}\n`);
    return 1;
  }
  return serve.run(serveArgs, io);
}
