// Printer addresses: tcp://, serial:, usb:, os:, with their defaults and clear refusals.
import { describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import { formatPrinterAddress, parsePrinterUrl } from '../../app/printing/printerUrl.ts';

describe('parsePrinterUrl', () => {
  it('reads tcp:// with port 9100 by default, IPv6 in brackets, and the status policy', () => {
    expect(parsePrinterUrl('tcp://192.168.1.50')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100, statusCheck: 'required' });
    expect(parsePrinterUrl('tcp://printer.local:9101?status=off')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9101, statusCheck: 'off' });
    expect(parsePrinterUrl('tcp://[fe80::1]:9100')).toMatchObject({ host: 'fe80::1', port: 9100 });
  });

  it('reads serial: with 9600 baud by default, Windows COM ports too', () => {
    expect(parsePrinterUrl('serial:/dev/ttyUSB0')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, statusCheck: 'required' });
    expect(parsePrinterUrl('serial:COM3?baud=115200')).toMatchObject({ path: 'COM3', baudRate: 115200 });
  });

  it('reads usb: as a device file, best-effort status by default', () => {
    expect(parsePrinterUrl('usb:/dev/usb/lp0')).toEqual({ kind: 'usb', path: '/dev/usb/lp0', statusCheck: 'best-effort' });
    expect(parsePrinterUrl('usb:///dev/usb/lp1?status=required')).toEqual({ kind: 'usb', path: '/dev/usb/lp1', statusCheck: 'required' });
  });

  it('reads os: printer names, spaces and Chinese included', () => {
    expect(parsePrinterUrl('os:XP-58 (copy 1)')).toEqual({ kind: 'os', deviceName: 'XP-58 (copy 1)' });
    expect(parsePrinterUrl('os:%E5%89%8D%E5%8F%B0')).toEqual({ kind: 'os', deviceName: '前台' });
  });

  it.each(['', 'lpt:1', 'tcp://', 'tcp://host:70000', 'tcp://host:abc', 'serial:', 'serial:/dev/ttyS0?baud=1234', 'usb:/dev/usb/lp0?status=maybe', 'os:', '/dev/usb/lp0'])(
    'refuses %j with INVALID_ARGUMENT and the accepted forms',
    (url) => {
      try {
        parsePrinterUrl(url);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(PosError);
        expect((e as PosError).code).toBe('INVALID_ARGUMENT');
        expect((e as PosError).message).toContain('tcp://HOST:9100');
      }
    },
  );

  it('formats an address back to what it was given as', () => {
    for (const url of ['tcp://10.0.0.5:9100', 'serial:/dev/ttyUSB0', 'usb:/dev/usb/lp0', 'os:XP-58', 'tcp://[::1]:9100']) {
      expect(formatPrinterAddress(parsePrinterUrl(url))).toBe(url);
    }
  });
});
