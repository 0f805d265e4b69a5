// Runs the real `pos` command in a child process on this Node (24), as a cashier's shell would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const POS = join(import.meta.dirname, '../../cli/pos.js');

export type PosRun = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; json: Record<string, unknown> | undefined };

export function startPos(args: string[], cwd?: string): { child: ChildProcess; done: Promise<PosRun> } {
  const child = spawn(process.execPath, [POS, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<PosRun>((resolve) => {
    child.on('close', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(last) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ code, signal, stdout, stderr, json });
    });
  });
  return { child, done };
}

export function pos(args: string[], cwd?: string): Promise<PosRun> {
  return startPos(args, cwd).done;
}
