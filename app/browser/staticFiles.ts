// The built renderer as files: only what is inside the folder, only known file types. The real
// path is checked too (issue 10 item 9): a symlink inside the folder must not serve what it points at.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
};

export type StaticFile = { body: Buffer; type: string; path: string };

/** Maps a URL path to a file under `rootDir`, or undefined for anything outside it or unknown. */
export function filePathFor(rootDir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split('/').some((s) => s.startsWith('.'))) return undefined;
  const root = resolve(rootDir);
  const file = resolve(root, `.${decoded}`);
  if (!file.startsWith(root + sep)) return undefined;
  return TYPES[extname(file)] ? file : undefined;
}

export async function readStatic(rootDir: string, urlPath: string): Promise<StaticFile | undefined> {
  const path = filePathFor(rootDir, urlPath);
  if (!path) return undefined;
  try {
    const [real, root] = await Promise.all([realpath(path), realpath(rootDir)]);
    if (!real.startsWith(root + sep) || !TYPES[extname(real)]) return undefined;
    if (!(await stat(real)).isFile()) return undefined;
    return { body: await readFile(real), type: TYPES[extname(path)]!, path };
  } catch {
    return undefined;
  }
}
