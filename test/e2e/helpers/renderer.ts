// Builds the renderer for a test run into a folder of its own, so test files running side by side
// never serve each other's half-written build, and the tests always see the current sources.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');

export async function buildRenderer(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'till-renderer-'));
  await build({ configFile: join(REPO, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}
