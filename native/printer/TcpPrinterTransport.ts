// Raw TCP printing (the "JetDirect" port 9100 of network receipt printers). One connection per
// job: a 9100 port serves one client at a time, so holding it would lock out the other tills.
import { connect, type Socket } from 'node:net';
import { PosError } from '../../app/common/errors.ts';
import { ByteInbox } from '../../app/printing/byteInbox.ts';
import type { PrinterLink } from '../../app/printing/PrinterTransport.ts';
import { RawPrinterTransport, type RawTransportTimeouts } from '../../app/printing/RawPrinterTransport.ts';

export type TcpPrinterOptions = Partial<RawTransportTimeouts> & {
  host: string;
  port?: number;
  /** A printer on the shop's LAN answers a connect in milliseconds; seconds of silence mean it is off. */
  connectTimeoutMs?: number;
  /** How long close waits for the printer to take the last bytes before dropping the connection. */
  closeTimeoutMs?: number;
};

const NET_ERRORS: Readonly<Record<string, [en: string, zh: string]>> = {
  ECONNREFUSED: ['connection refused (is the printer on, and is this its address?)', '连接被拒绝（打印机是否开机、地址是否正确？）'],
  EHOSTUNREACH: ['host unreachable', '无法到达打印机'],
  ENETUNREACH: ['network unreachable', '网络不可达'],
  ETIMEDOUT: ['connection timed out', '连接超时'],
  ENOTFOUND: ['no such host name', '找不到该主机名'],
  ECONNRESET: ['the printer dropped the connection', '打印机断开了连接'],
  EPIPE: ['the printer closed the connection', '打印机关闭了连接'],
};

function offline(target: string, e: NodeJS.ErrnoException | string): PosError {
  const code = typeof e === 'string' ? undefined : e.code;
  const [en, zh] = (code && NET_ERRORS[code]) ?? [typeof e === 'string' ? e : e.message, typeof e === 'string' ? e : e.message];
  return new PosError('PRINTER_OFFLINE', `${target}: ${en}`, { cause: typeof e === 'string' ? undefined : e, details: { target, code }, detailZh: `${target}：${zh}` });
}

class SocketLink implements PrinterLink {
  readonly readable = true;
  private readonly inbox = new ByteInbox();
  private failure: NodeJS.ErrnoException | null = null;
  private readonly socket: Socket;
  private readonly target: string;
  private readonly closeTimeoutMs: number;

  constructor(socket: Socket, target: string, closeTimeoutMs: number) {
    this.socket = socket;
    this.target = target;
    this.closeTimeoutMs = closeTimeoutMs;
    socket.on('data', (chunk: Buffer) => this.inbox.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      this.failure = e;
      this.inbox.end();
    });
    socket.on('close', () => this.inbox.end());
  }

  write(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.failure || this.socket.destroyed) return Promise.reject(offline(this.target, this.failure ?? 'the connection is closed'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new PosError('PRINTER_ERROR', `${this.target}: the printer took no data for ${timeoutMs} ms (paper out or cover opened during the job?)`, { details: { target: this.target } }));
        this.socket.destroy();
      }, timeoutMs);
      this.socket.write(bytes, (err) => {
        clearTimeout(timer);
        if (err) reject(offline(this.target, err));
        else resolve();
      });
    });
  }

  readByte(timeoutMs: number): Promise<number | null> {
    return this.inbox.readByte(timeoutMs);
  }

  discardInput(): void {
    this.inbox.discard();
  }

  close(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), this.closeTimeoutMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }
}

export class TcpPrinterTransport extends RawPrinterTransport {
  readonly target: string;
  private readonly host: string;
  private readonly port: number;
  private readonly connectTimeoutMs: number;
  private readonly closeTimeoutMs: number;

  constructor(options: TcpPrinterOptions) {
    super(options);
    this.host = options.host;
    this.port = options.port ?? 9100;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 2000;
    this.target = `tcp://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  protected openLink(): Promise<PrinterLink> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(offline(this.target, `no connection within ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      const onError = (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(offline(this.target, e));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        socket.setNoDelay(true);
        resolve(new SocketLink(socket, this.target, this.closeTimeoutMs));
      });
    });
  }
}
