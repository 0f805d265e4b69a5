// electron-builder.yml, checked by electron-builder's own loader and schema (the installers
// themselves need the Electron binary, which the build machines cannot download).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawIcon, encodeRgbaPng } from '../../scripts/make-icons.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const require = createRequire(join(ROOT, 'package.json'));

type Target = { target: string; arch?: string[] };
type BuilderConfig = {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: Target[]; icon: string };
  mac: { target: Target[]; icon: string };
  linux: { target: Target[]; category: string; icon: string };
  deb: { depends: string[] };
  electronFuses: Record<string, boolean>;
};

const YAML_FILE = join(ROOT, 'electron-builder.yml');

/** The file as written (electron-builder normalises some keys when it loads them). */
function readYaml(): BuilderConfig {
  const { load } = require('js-yaml') as { load(text: string): unknown };
  return load(readFileSync(YAML_FILE, 'utf8')) as BuilderConfig;
}

let validated: Promise<void> | undefined;
/** Loads the file through electron-builder and validates it against its JSON schema. */
function validate(): Promise<void> {
  validated ??= (async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, configPath: string | null, override: unknown): Promise<unknown>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await validateConfiguration(await getConfig(ROOT, YAML_FILE, null), new DebugLogger(false));
  })();
  return validated;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    await expect(validate()).resolves.toBeUndefined();
    const c = readYaml();
    expect(c.productName).toBe('The Till 收银台');
    expect(c.appId).toMatch(/^[a-z0-9.]+$/);
  });

  it('builds NSIS for Windows, dmg for macOS, AppImage and deb (category Office) for Linux', () => {
    const c = readYaml();
    expect(c.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(c.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(c.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(c.linux.category).toBe('Office');
    expect(c.deb.depends).toEqual(expect.arrayContaining(['libusb-1.0-0', 'libsecret-1-0']));
  });

  it('ships the built app and unpacks every native module from the asar, without rebuilding them', () => {
    const c = readYaml();
    expect(c.files).toEqual(expect.arrayContaining(['package.json', 'dist/**', 'app/**', 'native/**', 'assets/**']));
    expect(c.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/node-hid/**', 'node_modules/@serialport/**']));
    expect(c.npmRebuild).toBe(false);
    // What makes npmRebuild: false safe: each native dependency carries N-API prebuilds for the targets.
    for (const prebuilt of [
      'node_modules/better-sqlite3/prebuilds/win32-x64.node',
      'node_modules/better-sqlite3/prebuilds/darwin-arm64.node',
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
      'node_modules/node-hid/prebuilds/HID-win32-x64/node-napi-v4.node',
      'node_modules/node-hid/prebuilds/HID_hidraw-linux-x64/node-napi-v4.node',
      'node_modules/@serialport/bindings-cpp/prebuilds/linux-x64/@serialport+bindings-cpp.glibc.node',
      'node_modules/@serialport/bindings-cpp/prebuilds/win32-x64/@serialport+bindings-cpp.node',
    ]) expect(existsSync(join(ROOT, prebuilt)), prebuilt).toBe(true);
  });

  it('flips the fuses that would let anyone on the counter PC run code as the till (issue 10 item 10)', () => {
    const c = readYaml();
    // Each of these, left at Electron's default, is an attack on an installed till: ELECTRON_RUN_AS_NODE
    // or NODE_OPTIONS=--require=evil.js makes the signed binary run any script; --inspect opens a
    // debugger into main, which holds the keys; an edited app.asar or an app/ folder beside it swaps the code.
    expect(c.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('pins Electron to the newest patch of its line that was checked (npm view electron@45 version)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
    // 45.5.0 was the newest 45.x on 2026-12-01; a lower floor would let a fresh install pick a known-vulnerable patch.
    expect(pkg.devDependencies.electron).toBe('^45.5.0');
    const [major, minor] = installed.split('.').map(Number);
    expect(major).toBe(45);
    expect(minor).toBeGreaterThanOrEqual(5);
  });

  it('points every platform at icons that exist at the sizes electron-builder needs', () => {
    const c = readYaml();
    expect(pngSize(join(ROOT, c.win.icon))[0]).toBeGreaterThanOrEqual(256);
    expect(pngSize(join(ROOT, c.mac.icon))).toEqual([512, 512]);
    expect(pngSize(join(ROOT, c.linux.icon, '512x512.png'))).toEqual([512, 512]);
    expect(pngSize(join(ROOT, c.linux.icon, '256x256.png'))).toEqual([256, 256]);
  });
});

describe('scripts/make-icons.ts', () => {
  it('writes the committed icons byte for byte, so they can be regenerated', () => {
    for (const size of [256, 512]) {
      expect(encodeRgbaPng(size, size, drawIcon(size)).equals(readFileSync(join(ROOT, 'assets', 'icons', `${size}x${size}.png`)))).toBe(true);
    }
  });
});
