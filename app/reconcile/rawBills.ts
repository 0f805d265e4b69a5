// Every bill file is kept as downloaded, under <dataDir>/bills/<provider>/, before it is read: a
// dispute with the provider is settled on their file, not on what the till made of it. A refused
// file is kept too (".refused"), so the owner can send it to the provider's support.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shanghaiStamp } from '../common/time.ts';
import type { BillProvider } from './billLine.ts';

export function billsDir(dataDir: string, provider: BillProvider): string {
  return join(dataDir, 'bills', provider);
}

export function keepRawBill(dataDir: string, provider: BillProvider, day: string, ext: string, bytes: Uint8Array, nowMs: number): string {
  const dir = billsDir(dataDir, provider);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${day}_${shanghaiStamp(nowMs)}_${process.pid}.${ext}`);
  writeFileSync(`${path}.part`, bytes);
  renameSync(`${path}.part`, path);
  return path;
}

export function markRefused(path: string): string {
  const to = `${path}.refused`;
  renameSync(path, to);
  return to;
}
