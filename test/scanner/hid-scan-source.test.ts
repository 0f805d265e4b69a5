// The node-hid adapter beyond the shared contract: lazy loading, the libusb message, choosing the
// device, permission and OS-held devices, and recovering from unplug without a restart. node-hid is
// replaced by a fake module (no HID devices exist here), except where its real loading is the point.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import type { ScanStatus } from '../../app/scanner/scan-source.ts';
import { ManualTimers } from '../../app/scanner/timers.ts';
import { HidScanSource, type HidDeviceInfo, type HidScanSourceOptions } from '../../native/scanner/hid-scan-source.ts';
import { FakeHid, keyboardReports, posReports } from './helpers/fake-hid.ts';

const VID = 0x0c2e;
const PID = 0x0b61;
const POS_IF: HidDeviceInfo = { vendorId: VID, productId: PID, path: '/dev/hidraw4', usagePage: 0x8c, usage: 0x02 };
const KBD_IF: HidDeviceInfo = { vendorId: VID, productId: PID, path: '/dev/hidraw3', usagePage: 0x01, usage: 0x06 };
const OTHER: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc31c, path: '/dev/hidraw0', usagePage: 0x01, usage: 0x06 };

function setup(present: HidDeviceInfo[], options: HidScanSourceOptions = {}) {
  const hid = new FakeHid();
  hid.present = present;
  const timers = new ManualTimers();
  const source = new HidScanSource({ loadHid: async () => hid.module, timers, pollMs: 1000, platform: 'linux', canAccess: () => 'ok', ...options });
  const codes: string[] = [];
  const statuses: ScanStatus[] = [];
  source.onScan((s) => codes.push(s.code));
  source.onStatus((s) => statuses.push(s));
  return { hid, timers, source, codes, statuses, last: () => statuses.at(-1) as ScanStatus };
}

describe('HidScanSource: loading node-hid', () => {
  it('loads no HID binding until HID mode is started, then loads the real one', () => {
    // A fresh process, watching every native library it opens.
    const dir = mkdtempSync(join(tmpdir(), 'till-hid-'));
    const script = join(dir, 'lazy.mjs');
    writeFileSync(script, `
      const opened = [];
      const dlopen = process.dlopen;
      process.dlopen = function (m, file, ...rest) { opened.push(file); return dlopen.call(this, m, file, ...rest); };
      const hidLoaded = () => opened.some((f) => /node-hid/.test(f));
      const { createScanSource } = await import(${JSON.stringify(join(import.meta.dirname, '../../native/scanner/create-scan-source.ts'))});
      const serial = await createScanSource({ kind: 'serial', path: '/nonexistent/tty' });
      const wedge = await createScanSource({ kind: 'wedge' });
      await wedge.start(); await wedge.stop();
      const before = hidLoaded();
      const hid = await createScanSource({ kind: 'hid' });
      const constructed = hidLoaded();
      await hid.start(); await hid.stop();
      console.log(JSON.stringify({ before, constructed, after: hidLoaded(), serialKind: serial.kind }));
    `);
    let out: string;
    try {
      out = execFileSync(join(import.meta.dirname, '../../node_modules/.bin/node'), [script], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(out.trim().split('\n').at(-1) as string)).toEqual({ before: false, constructed: false, after: true, serialKind: 'serial' });
  });

  it('with the real node-hid and no scanner attached, starts and waits for one', async () => {
    const source = new HidScanSource({ pollMs: 60_000 });
    const statuses: ScanStatus[] = [];
    source.onStatus((s) => statuses.push(s));
    await source.start();
    await source.stop();
    expect(statuses.map((s) => s.state)).toEqual(['disconnected', 'disconnected', 'disconnected']);
    expect(statuses[1]?.message).toMatch(/waiting for a HID POS scanner \(usage page 0x8c\)/);
  });

  it('says libusb is missing, and how to install it, when the binding cannot load', async () => {
    const dlopenError = Object.assign(new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory'), { code: 'ERR_DLOPEN_FAILED' });
    const { source, last } = setup([], { loadHid: async () => { throw dlopenError; } });
    const started = source.start();
    await expect(started).rejects.toBeInstanceOf(PosError);
    await expect(started).rejects.toMatchObject({ code: 'SCANNER_UNAVAILABLE', message: /libusb-1\.0.*apt-get install libusb-1\.0-0/ });
    expect(last()).toMatchObject({ state: 'error', code: 'SCANNER_UNAVAILABLE' });
    expect(last().message).toMatch(/serial or keyboard-wedge mode/);
  });
});

describe('HidScanSource: choosing the device', () => {
  it('opens the HID POS interface of the configured scanner, not its keyboard one nor another device', async () => {
    const { hid, source } = setup([OTHER, KBD_IF, POS_IF], { vendorId: VID, productId: PID });
    await source.start();
    expect(hid.device.path).toBe(POS_IF.path);
  });

  it('with nothing configured, takes only a HID POS device and waits while there is none', async () => {
    const { hid, source, timers, last } = setup([OTHER, KBD_IF]);
    await source.start();
    expect(hid.opened).toEqual([]);
    expect(last()).toMatchObject({ state: 'disconnected', message: expect.stringMatching(/usage page 0x8c/) });
    hid.present.push(POS_IF);
    timers.advance(1000);
    await Promise.resolve();
    expect(hid.device.path).toBe(POS_IF.path);
    expect(last().state).toBe('connected');
  });

  it('chooses by usage page or path when asked to', async () => {
    const byUsage = setup([POS_IF, KBD_IF], { usagePage: 0x01, usage: 0x06 });
    await byUsage.source.start();
    expect(byUsage.hid.device.path).toBe(KBD_IF.path);
    const byPath = setup([POS_IF, OTHER], { path: OTHER.path });
    await byPath.source.start();
    expect(byPath.hid.device.path).toBe(OTHER.path);
  });

  it('does not enumerate devices while the scanner is connected', async () => {
    const { hid, source, timers } = setup([POS_IF]);
    await source.start();
    const enumerations = hid.enumerations;
    timers.advance(10_000);
    expect(hid.enumerations).toBe(enumerations);
  });
});

describe('HidScanSource: devices it cannot open', () => {
  it('names the udev rule when Linux denies access to the hidraw node, and recovers once allowed', async () => {
    let access: 'ok' | 'denied' = 'denied';
    const { hid, source, timers, last, codes } = setup([POS_IF], { canAccess: () => access });
    hid.openErrors.set(POS_IF.path as string, new Error(`cannot open device with path ${POS_IF.path}`));
    await source.start();
    expect(last()).toMatchObject({ state: 'error', code: 'SCANNER_PERMISSION_DENIED' });
    expect(last().message).toContain('SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b61"');
    // The rule is installed and the scanner re-plugged: no restart needed.
    access = 'ok';
    hid.openErrors.clear();
    timers.advance(1000);
    await Promise.resolve();
    expect(last().state).toBe('connected');
    hid.report(...posReports('287634438256643941'));
    expect(codes).toEqual(['287634438256643941']);
  });

  it('says Windows holds keyboard-mode scanners and what to switch to', async () => {
    const { hid, source, last } = setup([KBD_IF], { platform: 'win32', usagePage: 0x01 });
    hid.openErrors.set(KBD_IF.path as string, new Error('cannot open device with path \\\\?\\hid#vid_0c2e'));
    await source.start();
    expect(last()).toMatchObject({ state: 'error', code: 'SCANNER_DEVICE_BUSY' });
    expect(last().message).toMatch(/HID POS mode/);
  });

  it('opens devices non-exclusively on macOS, where keyboards can only be shared', async () => {
    const { hid, source } = setup([KBD_IF], { platform: 'darwin', usagePage: 0x01 });
    await source.start();
    expect(hid.device.options).toEqual({ nonExclusive: true });
  });
});

describe('HidScanSource: reading', () => {
  it('ends a keyboard-mode code without a suffix after the idle gap', async () => {
    const { hid, source, timers, codes } = setup([KBD_IF], { usagePage: 0x01, idleMs: 60 });
    await source.start();
    hid.report(...keyboardReports('134567890123456789'));
    expect(codes).toEqual([]);
    timers.advance(60);
    expect(codes).toEqual(['134567890123456789']);
  });

  it('tells keyboard from HID POS reports by their size when the backend gives no usage', async () => {
    const bare = (d: HidDeviceInfo): HidDeviceInfo => ({ vendorId: d.vendorId, productId: d.productId, path: d.path });
    const kbd = setup([bare(KBD_IF)], { vendorId: VID });
    await kbd.source.start();
    kbd.hid.report(...keyboardReports('134567890123456789\r'));
    expect(kbd.codes).toEqual(['134567890123456789']);
    const pos = setup([bare(POS_IF)], { vendorId: VID });
    await pos.source.start();
    pos.hid.report(...posReports('287634438256643941'));
    expect(pos.codes).toEqual(['287634438256643941']);
  });

  it('does not let half a code from before an unplug prefix the first code after it', async () => {
    const { hid, source, timers, codes } = setup([POS_IF]);
    await source.start();
    const long = 'https://qr.alipay.com/bax03431ljhokirwl38f00a7-0123456789-0123456789';
    hid.report((posReports(long) as [string, string])[0]);
    hid.unplug(POS_IF.path as string);
    hid.present.push(POS_IF);
    timers.advance(1000);
    await Promise.resolve();
    hid.report(...posReports('287634438256643941'));
    expect(codes).toEqual(['287634438256643941']);
  });
});
