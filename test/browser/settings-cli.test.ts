// `pos settings set-pin` (issue 10 item 3): the one way to set the manager PIN, read from standard
// input, stored as an scrypt hash; the till then accepts it for a change of credentials.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManagerPin } from '../../app/settings/ManagerPin.ts';
import { POS } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';

function setPin(dataDir: string, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [POS, 'settings', 'set-pin', '--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('pos settings set-pin', () => {
  it('sets the PIN from standard input, kept only as a hash', async () => {
    const dataDir = join(tempDir(), 'data');
    const r = await setPin(dataDir, '482913\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the manager PIN is set');
    expect(readFileSync(join(dataDir, 'keys', 'manager-pin.json'), 'utf8')).not.toContain('482913');
    const pin = new ManagerPin(dataDir);
    expect(() => pin.verify('482913')).not.toThrow();
    expect(() => pin.verify('000000')).toThrow(/wrong/);
  });

  it('refuses a PIN that is not 4 to 12 digits, and an empty input', async () => {
    const dataDir = join(tempDir(), 'data');
    expect((await setPin(dataDir, 'abc\n')).code).toBe(2);
    expect((await setPin(dataDir, '')).code).toBe(2);
    expect(new ManagerPin(dataDir).isSet).toBe(false);
  });
});
