// `pos settings set-pin`: sets the manager PIN on this machine (docs/security.md item 3). It is the
// one way to set it: no channel of the screen can, so a page cannot give itself the confirmation a
// change of the merchant's credentials needs. The PIN is read from standard input (typed twice at a
// terminal, without echo; the first line when piped), never from the command line, which shell
// history and `ps` would keep.
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { PosError } from '../../app/common/errors.ts';
import { loadConfig } from '../../app/config/config.ts';
import { ManagerPin } from '../../app/settings/ManagerPin.ts';
import { parse, refuse } from '../common.ts';
import type { CliIO } from '../io.ts';

export const USAGE = 'set-pin [--data-dir D] [--config FILE]   (the PIN is read from standard input)';

async function readLines(count: number, prompts: string[]): Promise<string[]> {
  const tty = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: tty ? process.stderr : undefined, terminal: tty });
  if (tty) {
    // Echo nothing of what is typed, prompts aside.
    const r = rl as unknown as { _writeToOutput(s: string): void; output: NodeJS.WritableStream };
    r._writeToOutput = (s: string) => {
      if (prompts.some((p) => s.includes(p)) || s === '\r\n' || s === '\n') r.output.write(s);
    };
  }
  const lines: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      if (tty) process.stderr.write(prompts[i] ?? '');
      const line = await new Promise<string | null>((done) => {
        rl.once('line', done);
        rl.once('close', () => done(null));
      });
      if (line === null) break;
      lines.push(line.trim());
      if (!tty) break;
    }
  } finally {
    rl.close();
  }
  return lines;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  try {
    const { values, positionals } = parse(argv, { 'data-dir': { type: 'string' } }, true);
    if (positionals[0] !== 'set-pin' || positionals.length !== 1) throw new PosError('INVALID_ARGUMENT', `usage: pos settings ${USAGE}`);
    const dataDir = values['data-dir'] !== undefined ? resolve(values['data-dir']) : loadConfig(values.config).dataDir;
    const [pin, again] = await readLines(2, ['manager PIN 店长密码: ', 'again 再输入一次: ']);
    if (pin === undefined || pin === '') throw new PosError('INVALID_ARGUMENT', 'no PIN on standard input', { detailZh: '未输入店长密码' });
    if (again !== undefined && again !== pin) throw new PosError('INVALID_ARGUMENT', 'the two PINs differ', { detailZh: '两次输入的店长密码不一致' });
    const store = new ManagerPin(dataDir);
    const replaced = store.isSet;
    store.set(pin);
    io.out(`${replaced ? 'the manager PIN was changed' : 'the manager PIN is set'} for the till in ${dataDir}\n`);
    return 0;
  } catch (e) {
    return refuse(io, false, e);
  }
}
