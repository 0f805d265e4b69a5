// issue 9 "Also": `pos <command> --help` for every command, `pos print-test --config`, and
// `pos receipt --format escpos` on a pipe (so it can go straight to a printer).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { main } from '../../cli/main.ts';
import { COMMANDS, type CliIO } from '../../cli/io.ts';
import { readEscPos } from '../helpers/escpos-reader.ts';
import { POS, pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';
import { startTcpPrinter, type TcpFake } from '../printing/fakePrinter.ts';

function capture(extra: Partial<CliIO> = {}) {
  let out = '';
  let err = '';
  const bytes: Uint8Array[] = [];
  const io: CliIO = { out: (s) => void (out += s), err: (s) => void (err += s), ...extra };
  return { io, out: () => out, err: () => err, bytes };
}

/** Runs the real `pos` with stdout on a pipe, keeping it as bytes. */
function posBytes(args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  const child = spawn(process.execPath, [POS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (c) => resolve({ code: c, stdout: Buffer.concat(out), stderr })));
}

describe('pos <command> --help', () => {
  it.each(COMMANDS.map((c) => c.name))('pos %s --help prints its usage and exits 0', async (name) => {
    const c = capture();
    expect(await main([name, '--help'], c.io)).toBe(0);
    expect(c.out()).toMatch(new RegExp(`^usage: pos ${name}\\b`));
    expect(c.err()).toBe('');
  });

  it('works from the shell too, where `pos receipt --help` used to be refused', async () => {
    const r = await pos(['receipt', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: pos receipt --out-trade-no X');
    expect(r.stdout).toContain('--config FILE');
  });
});

describe('pos print-test --config and pos receipt on a pipe', () => {
  let dir: string;
  let sim: TrainingGateway;
  let printer: TcpFake;
  let config: string;
  beforeAll(async () => {
    dir = tempDir('till-cli-pipes-');
    sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db') });
    printer = await startTcpPrinter();
    config = join(dir, 'till.json');
    writeFileSync(config, JSON.stringify({ dataDir: 'data', shop: { name: '示例便利店' }, alipay: { gateway: sim.url } }));
  });
  afterAll(async () => {
    await sim.close();
    await printer.stop();
  });

  it('print-test takes --config and prints on the printer set on that till\'s settings screen', async () => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ printer: { url: `tcp://127.0.0.1:${printer.port}`, paperWidthMm: 80, printOnSuccess: false } }));
    printer.printer.clear();
    const c = capture();
    expect(await main(['print-test', '--config', config], c.io)).toBe(0);
    expect(c.out()).toContain(`printed a test page on tcp://127.0.0.1:${printer.port} (80 mm`);
    expect(printer.printer.bytes().length).toBeGreaterThan(0);
  });

  it('print-test refuses a --config it cannot read, in Chinese and English, exit 2', async () => {
    const c = capture();
    expect(await main(['print-test', '--config', join(dir, 'missing.json'), '--printer', 'tcp://127.0.0.1:9'], c.io)).toBe(2);
    expect(c.err()).toContain('配置文件有误');
    expect(c.err()).toContain('missing.json');
  });

  it('receipt --format escpos writes the ESC/POS bytes to standard output when it is piped', async () => {
    const paid = await pos(['pay', '--config', config, '--json', '--amount', '18.80', '--code', code('00')]);
    const no = String(paid.json!.outTradeNo);
    const r = await posBytes(['receipt', '--config', config, '--out-trade-no', no, '--format', 'escpos']);
    expect(r.code, r.stderr).toBe(0);
    const doc = readEscPos(r.stdout);
    expect(doc.problems).toEqual([]);
    expect(doc.qrCodes).toEqual([no]);
    expect(doc.cuts).toBe(1);
  });

  it('receipt --format escpos still refuses a terminal, and says how to pipe it', async () => {
    const paid = await pos(['pay', '--config', config, '--json', '--amount', '1.00', '--code', code('00')]);
    const written: Uint8Array[] = [];
    const c = capture({ outIsTerminal: true, outBytes: (b) => void written.push(b) });
    expect(await main(['receipt', '--config', config, '--out-trade-no', String(paid.json!.outTradeNo), '--format', 'escpos'], c.io)).toBe(2);
    expect(written).toEqual([]);
    expect(c.err(), c.err()).toContain('pipe standard output');
  });
});
