// A fake ESC/POS printer for the transport tests: it keeps every byte it is sent and answers
// real-time status requests (DLE EOT n) from its state, the way a printer's firmware does, over
// a real TCP socket on 127.0.0.1 or the far end of a socat pty pair.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialPort } from 'serialport';
import { readJobs, type EscPosDocument } from '../helpers/escpos-reader.ts';

export type FakePrinterState = {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  cutterError: boolean;
  /** Switched off behind a print server or adapter: takes bytes, never answers. */
  silent: boolean;
  /** Sends Automatic Status Back and XON bytes before each answer, as some printers do unasked. */
  chatty: boolean;
};

export const READY: FakePrinterState = { paperOut: false, paperNearEnd: false, coverOpen: false, cutterError: false, silent: false, chatty: false };

export class FakeEscPosPrinter {
  state: FakePrinterState = { ...READY };
  private readonly chunks: Buffer[] = [];
  private seen = 0; // 0: nothing, 1: DLE, 2: DLE EOT

  /** Takes bytes from the till; returns the printer's answer bytes. */
  receive(chunk: Uint8Array): Uint8Array {
    this.chunks.push(Buffer.from(chunk));
    const out: number[] = [];
    for (const b of chunk) {
      if (this.seen === 2) {
        this.seen = 0;
        if (b >= 1 && b <= 4 && !this.state.silent) {
          if (this.state.chatty) out.push(0x10, 0x00, 0x00, 0x0f, 0x11);
          out.push(this.answer(b));
        }
        continue;
      }
      this.seen = b === 0x10 ? 1 : this.seen === 1 && b === 0x04 ? 2 : 0;
    }
    return new Uint8Array(out);
  }

  /** DLE EOT n answers, bits as the ESC/POS command reference gives them. */
  private answer(n: number): number {
    const s = this.state;
    const stopped = s.paperOut || s.coverOpen || s.cutterError;
    if (n === 1) return 0x12 | (stopped ? 0x08 : 0);
    if (n === 2) return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (s.cutterError ? 0x40 : 0);
    if (n === 3) return 0x12 | (s.cutterError ? 0x08 : 0);
    return 0x12 | (s.paperNearEnd || s.paperOut ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
  }

  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }

  /** Each receipt that reached the cutter. */
  jobs(): EscPosDocument[] {
    return readJobs(this.bytes());
  }

  clear(): void {
    this.chunks.length = 0;
  }
}

export type TcpFake = { printer: FakeEscPosPrinter; port: number; stop(): Promise<void> };

export async function startTcpPrinter(): Promise<TcpFake> {
  const printer = new FakeEscPosPrinter();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => {
      const reply = printer.receive(chunk);
      if (reply.length > 0) socket.write(reply);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    printer,
    port,
    stop: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A socat pty pair: two device files joined like a null-modem cable. */
export type PtyPair = { a: string; b: string; stop(): Promise<void> };

export async function startPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'till-pty-'));
  const a = join(dir, 'printer');
  const b = join(dir, 'till');
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  for (let waitedMs = 0; !(existsSync(a) && existsSync(b)); waitedMs += 20) {
    if (waitedMs > 5000 || child.exitCode !== null) throw new Error(`socat did not make a pty pair (exit ${child.exitCode})`);
    await sleep(20);
  }
  return {
    a,
    b,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type SerialFake = { printer: FakeEscPosPrinter; path: string; stop(): Promise<void> };

/** The fake printer on one end of a pty pair; the till opens `path`, the other end. */
export async function startSerialPrinter(): Promise<SerialFake> {
  const pty = await startPtyPair();
  const printer = new FakeEscPosPrinter();
  const port = new SerialPort({ path: pty.a, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('data', (chunk: Buffer) => {
    const reply = printer.receive(chunk);
    if (reply.length > 0) port.write(Buffer.from(reply));
  });
  return {
    printer,
    path: pty.b,
    stop: async () => {
      await new Promise<void>((resolve) => port.close(() => resolve()));
      await pty.stop();
    },
  };
}
