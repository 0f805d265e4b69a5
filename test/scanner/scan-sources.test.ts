// Runs the one ScanSource contract against every implementation: the fake, the keyboard wedge, HID
// (HID POS and keyboard mode, over a fake node-hid module) and serial (a real socat pty pair).
import { FakeScanSource } from '../../app/scanner/fake-source.ts';
import { ManualTimers } from '../../app/scanner/timers.ts';
import { WedgeScanSource } from '../../app/scanner/wedge-source.ts';
import { HidScanSource } from '../../native/scanner/hid-scan-source.ts';
import { SerialScanSource } from '../../native/scanner/serial-scan-source.ts';
import { FakeHid, keyboardReports, posReports } from './helpers/fake-hid.ts';
import { PtyPair } from './helpers/socat.ts';
import { scanSourceContract } from './scan-source.contract.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

scanSourceContract('fake', 'fake', async () => {
  const source = new FakeScanSource();
  return {
    source,
    send: async (code) => source.scan(code),
    sendSplit: async (code) => source.scan(code),
    settle: async () => {},
    unplug: async () => source.unplug(),
    replug: async () => source.replug(),
    dispose: async () => {},
  };
});

scanSourceContract('keyboard wedge', 'wedge', async () => {
  const timers = new ManualTimers(10_000);
  const source = new WedgeScanSource({ timers });
  const key = (ch: string): void => source.feed({ key: ch, code: `Digit${ch}` });
  return {
    source,
    // A USB scanner: a key every 4 ms, then Enter.
    send: async (code) => {
      for (const ch of code) {
        key(ch);
        timers.advance(4);
      }
      source.feed({ key: 'Enter', code: 'Enter' });
      timers.advance(2000);
    },
    // A Bluetooth scanner: 35 ms a key with a 160 ms stall after the ninth, no suffix.
    sendSplit: async (code) => {
      [...code].forEach((ch, i) => {
        key(ch);
        timers.advance(i === 8 ? 160 : 35);
      });
      timers.advance(2000);
    },
    settle: async () => timers.advance(2000),
    dispose: async () => {},
  };
});

function hidHarness(mode: 'pos' | 'keyboard') {
  return async () => {
    const hid = new FakeHid();
    const timers = new ManualTimers();
    const path = '/dev/hidraw7';
    hid.present = [mode === 'pos'
      ? { vendorId: 0x0c2e, productId: 0x0b61, path, usagePage: 0x8c, usage: 0x02, product: 'HID POS scanner' }
      : { vendorId: 0x0c2e, productId: 0x0b61, path, usagePage: 0x01, usage: 0x06, product: 'keyboard-mode scanner' }];
    const source = new HidScanSource({ vendorId: 0x0c2e, productId: 0x0b61, loadHid: async () => hid.module, timers, pollMs: 500, platform: 'linux', canAccess: () => 'ok' });
    const reports = (code: string): string[] => (mode === 'pos' ? posReports(code) : keyboardReports(`${code}\r`));
    return {
      source,
      send: async (code: string) => hid.report(...reports(code)),
      // POS: a report per 7 bytes with the continuation bit; keyboard: no suffix, ended by the idle gap.
      sendSplit: async (code: string) => {
        if (mode === 'pos') hid.report(...posReports(code, 7));
        else {
          hid.report(...keyboardReports(code));
          timers.advance(1000);
        }
      },
      settle: async () => timers.advance(1000),
      unplug: async () => hid.unplug(path),
      replug: async () => {
        hid.present = [...hid.present, { vendorId: 0x0c2e, productId: 0x0b61, path, usagePage: mode === 'pos' ? 0x8c : 0x01, usage: mode === 'pos' ? 0x02 : 0x06 }];
        timers.advance(500);
      },
      dispose: async () => {},
    };
  };
}

scanSourceContract('HID POS (fake node-hid device)', 'hid', hidHarness('pos'));
scanSourceContract('HID keyboard mode (fake node-hid device)', 'hid', hidHarness('keyboard'));

scanSourceContract('serial (socat pty pair)', 'serial', async () => {
  const pty = new PtyPair();
  await pty.plug();
  const source = new SerialScanSource({ path: pty.tillPath, baudRate: 9600, reconnectMs: 50, idleMs: 100 });
  return {
    source,
    send: async (code) => pty.write(`${code}\r\n`),
    // Split mid-code and between CR and LF, as a USB-serial scanner's packets can be.
    sendSplit: async (code) => pty.writeSplit([code.slice(0, 5), code.slice(5, 11), `${code.slice(11)}\r`, '\n']),
    settle: () => sleep(30),
    unplug: () => pty.unplug(),
    replug: () => pty.plug(),
    dispose: () => pty.dispose(),
  };
});
