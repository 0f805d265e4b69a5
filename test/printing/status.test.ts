// Real-time status bytes (DLE EOT 1–4) decoded into the till's printer errors.
import { describe, expect, it } from 'vitest';
import { ByteInbox } from '../../app/printing/byteInbox.ts';
import type { PrinterLink } from '../../app/printing/PrinterTransport.ts';
import { decodeStatus, isStatusByte, requestStatus, statusError } from '../../app/printing/realtimeStatus.ts';
import { FakeEscPosPrinter } from './fakePrinter.ts';

const OK = 0x12; // bits 1 and 4 are always set in a status byte

describe('decodeStatus', () => {
  it('reads a ready printer as online with nothing wrong', () => {
    const s = decodeStatus(OK, OK, OK, OK);
    expect(s).toMatchObject({ online: true, coverOpen: false, paperOut: false, paperNearEnd: false, errors: [] });
    expect(statusError(s, 'tcp://p:9100')).toBeNull();
  });

  it('reads paper out from the roll sensor and the offline cause, near end from the near-end sensor', () => {
    const out = decodeStatus(0x1a, 0x32, OK, 0x7e); // offline; stopped by paper end; sensors: near end + end
    expect(out).toMatchObject({ online: false, paperOut: true, paperNearEnd: true, coverOpen: false });
    expect(statusError(out, 't')?.code).toBe('PRINTER_PAPER_OUT');
    const near = decodeStatus(OK, OK, OK, 0x1e);
    expect(near).toMatchObject({ online: true, paperOut: false, paperNearEnd: true });
    expect(statusError(near, 't')).toBeNull();
  });

  it('reads an open cover, and names it before the paper (an open cover also blinds the paper sensor)', () => {
    const s = decodeStatus(0x1a, 0x16 | 0x20, OK, 0x72);
    expect(s.coverOpen).toBe(true);
    expect(statusError(s, 't')?.code).toBe('PRINTER_COVER_OPEN');
  });

  it('reads a cutter fault and an offline printer with no other cause', () => {
    const cutter = decodeStatus(0x1a, 0x52, 0x1a, OK);
    expect(cutter.errors).toEqual(['cutter']);
    const e = statusError(cutter, 'serial:/dev/ttyUSB0');
    expect(e?.code).toBe('PRINTER_ERROR');
    expect(e?.toData().messageZh).toContain('切刀');
    expect(statusError(decodeStatus(0x1a, OK, OK, OK), 't')?.code).toBe('PRINTER_OFFLINE');
  });

  it('takes no answer as offline', () => {
    expect(statusError({ answered: false, reason: 'no answer' }, 'usb:/dev/usb/lp0')?.code).toBe('PRINTER_OFFLINE');
  });

  it('tells status bytes from Automatic Status Back and XON/XOFF', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true);
    expect(isStatusByte(0x10)).toBe(false); // ASB's first byte
    expect(isStatusByte(0x11)).toBe(false); // XON
    expect(isStatusByte(0x13)).toBe(false); // XOFF
    expect(isStatusByte(0x00)).toBe(false);
  });
});

/** A link straight into the fake printer, no transport in between. */
function linkTo(printer: FakeEscPosPrinter): PrinterLink {
  const inbox = new ByteInbox();
  return {
    readable: true,
    write: async (bytes) => inbox.push(printer.receive(bytes)),
    readByte: (ms) => inbox.readByte(ms),
    discardInput: () => inbox.discard(),
    close: async () => undefined,
  };
}

describe('requestStatus', () => {
  it('asks DLE EOT 1, 2, 3, 4 in turn and decodes the answers', async () => {
    const printer = new FakeEscPosPrinter();
    printer.state.paperOut = true;
    printer.state.chatty = true;
    const s = await requestStatus(linkTo(printer), 200);
    expect(s.answered && s.paperOut).toBe(true);
    expect([...printer.bytes()]).toEqual([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4]);
  });

  it('gives up after the timeout when the printer is silent', async () => {
    const printer = new FakeEscPosPrinter();
    printer.state.silent = true;
    const s = await requestStatus(linkTo(printer), 50);
    expect(s.answered).toBe(false);
  });
});
