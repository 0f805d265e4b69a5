// A pair of linked pseudo-terminals from Debian's socat: one end is the till's "serial port", the
// other is written to as a scanner would. Stopping socat removes both links, as unplugging a USB
// serial scanner removes its /dev node; starting it again with the same names brings them back.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class PtyPair {
  readonly dir: string;
  /** The end the till opens. */
  readonly tillPath: string;
  /** The end the "scanner" writes to. */
  readonly scannerPath: string;
  #socat: ChildProcess | null = null;
  #writer: number | null = null;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'till-pty-'));
    this.tillPath = join(this.dir, 'ttyTILL');
    this.scannerPath = join(this.dir, 'ttySCANNER');
  }

  /** Starts socat and waits until both links exist (bounded: a test must not hang on it). */
  async plug(): Promise<void> {
    if (this.#socat) throw new Error('socat is already running');
    const child = spawn('socat', [`pty,raw,echo=0,link=${this.tillPath}`, `pty,raw,echo=0,link=${this.scannerPath}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    this.#socat = child;
    for (let i = 0; i < 400 && !(existsSync(this.tillPath) && existsSync(this.scannerPath)); i++) {
      if (child.exitCode !== null) throw new Error(`socat exited with ${child.exitCode}: ${stderr}`);
      await sleep(5);
    }
    if (!existsSync(this.tillPath) || !existsSync(this.scannerPath)) throw new Error(`socat did not create its links: ${stderr}`);
  }

  /** Stops socat (by its pid) and waits for it to exit: both links are gone afterwards. */
  async unplug(): Promise<void> {
    this.#closeWriter();
    const child = this.#socat;
    this.#socat = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  /** Writes bytes into the scanner end, as one write. */
  write(data: string | Uint8Array): void {
    this.#writer ??= openSync(this.scannerPath, 'w');
    writeSync(this.#writer, typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Writes `data` in pieces, `gapMs` apart: a scanner's frame split across reads. */
  async writeSplit(pieces: readonly string[], gapMs = 3): Promise<void> {
    for (const p of pieces) {
      this.write(p);
      await sleep(gapMs);
    }
  }

  async dispose(): Promise<void> {
    await this.unplug();
    rmSync(this.dir, { recursive: true, force: true });
  }

  #closeWriter(): void {
    if (this.#writer !== null) closeSync(this.#writer);
    this.#writer = null;
  }
}

/**
 * Resolves when `predicate` holds, checking every few ms; rejects after `limitMs` with `what`.
 * 15 s: on a loaded 2-core CI machine a pty's hang-up has taken over 5 s to reach serialport.
 */
export async function waitUntil(predicate: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}
