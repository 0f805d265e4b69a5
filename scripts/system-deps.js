#!/usr/bin/env node
// Runs before `npm test`: the tests need Debian's chromium (e2e), socat (pty pairs standing in for
// serial scanners and printers), unifont (raster receipts) and libusb-1.0-0 (node-hid's prebuild
// links it even for hidraw) and openssl (the training certificate chain).
// As root with apt it installs what is missing; otherwise it says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'socat', present: () => existsSync('/usr/bin/socat') },
  // Raster receipts rasterise Chinese with GNU Unifont's bitmap font (app/printing/hexFont.ts).
  { pkg: 'unifont', present: () => existsSync('/usr/share/unifont/unifont.hex') },
  { pkg: 'libusb-1.0-0', present: () => spawnSync('sh', ['-c', 'ldconfig -p | grep -q libusb-1.0.so.0']).status === 0 },
  // Head-office tests start a throwaway PostgreSQL cluster from Debian's server binaries (test/hq/pgCluster.ts).
  { pkg: 'postgresql', present: () => existsSync('/usr/lib/postgresql') && spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb']).status === 0 },
  // The training gateway mints its Alipay certificate chain (cert mode, red packets) with openssl.
  { pkg: 'openssl', present: () => spawnSync('openssl', ['version']).status === 0 },
];

const missing = needs.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get install -y ${missing.join(' ')}`;
const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.error(`The tests need these system packages: ${missing.join(', ')}.`);
  console.error(`Install them with:  sudo apt-get update && sudo ${command}`);
  process.exit(1);
}
console.error(`Installing system packages the tests need: ${missing.join(' ')}`);
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
