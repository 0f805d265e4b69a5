// TRY item 9: `pos --help`'s table and `pos pay --help` list what the commands take (issue 11/12
// options: --undiscountable and --operator on both pay forms, gateway-sim --provider wechat).
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import type { CliIO } from '../../cli/io.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('help texts', () => {
  it("pos --help: the pay line names --undiscountable and --operator, gateway-sim's names --provider alipay|wechat", async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    const line = (name: string) => r.err.split('\n').find((l) => l.trimStart().startsWith(`${name} `)) ?? '';
    expect(line('pay')).toContain('--undiscountable');
    expect(line('pay')).toContain('--operator');
    expect(line('gateway-sim')).toContain('--provider alipay|wechat');
  });

  it('pos pay --help: both forms (code and --qr) take --undiscountable and --operator', async () => {
    const r = await run(['pay', '--help']);
    expect(r.code).toBe(0);
    const [code, qr] = r.out.split('  |  ');
    for (const form of [code!, qr!]) {
      expect(form).toContain('--undiscountable');
      expect(form).toContain('--operator');
    }
    expect(qr).toContain('--qr');
  });

  it('pos gateway-sim --help names --provider', async () => {
    const r = await run(['gateway-sim', '--help']);
    expect(r.out).toContain('--provider alipay|wechat');
  });
});
