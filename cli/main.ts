// Dispatches `pos <command>` to cli/commands/<command>.ts, each exporting `run(argv, io)`.
import { COMMANDS, wantsHelp, type CliIO } from './io.ts';

const PROCESS_IO: CliIO = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  outBytes: (b) => process.stdout.write(b),
  outIsTerminal: process.stdout.isTTY === true,
};

export async function main(argv: string[], io: CliIO = PROCESS_IO): Promise<number> {
  // barcode-pay.md: Alipay reads `timestamp` as GMT+8, and alipay-sdk formats it in local time.
  process.env.TZ = 'Asia/Shanghai';
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`usage: pos <command> [options]\n\ncommands:\n${COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}\n`);
    return name === undefined || name === '--help' || name === 'help' ? 0 : 2;
  }
  const mod = (await import(`./commands/${command.name}.ts`)) as { run: (argv: string[], io: CliIO) => Promise<number>; USAGE?: string };
  if (wantsHelp(rest)) {
    // A module's USAGE is either the whole text ("usage: pos …") or, as in the table, its options only.
    const usage = mod.USAGE ?? command.usage;
    io.out(usage.startsWith('usage:') ? usage : `usage: pos ${command.name} ${usage}\n${command.summary}\n`);
    return 0;
  }
  return mod.run(rest, io);
}
