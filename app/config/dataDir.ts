// The data folder (issue 8 item 8): a path that is a file, or lies under one, or cannot be made,
// is a configuration error with exit 2 and JSON like every other one — not a raw EEXIST/ENOTDIR.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { PosError } from '../common/errors.ts';

export function ensureDataDir(path: string): void {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    if (!statSync(path).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'EEXIST' });
    // Journals, settings and keys: only the till's user may list or enter the folder (issue 10 item 7).
    if (process.platform !== 'win32') chmodSync(path, 0o700);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why = code === 'EEXIST' ? 'is a file, not a folder'
      : code === 'ENOTDIR' ? 'lies under a file, not a folder'
      : code === 'EACCES' || code === 'EPERM' ? 'cannot be created here (permission denied)'
      : `cannot be created (${code || (e as Error).message})`;
    const whyZh = code === 'EEXIST' ? '是一个文件而不是文件夹' : code === 'ENOTDIR' ? '位于一个文件之下，不是文件夹' : code === 'EACCES' || code === 'EPERM' ? '无权在此创建' : `无法创建（${code || (e as Error).message}）`;
    throw new PosError('INVALID_CONFIG', `dataDir ${path} ${why}; set dataDir to a folder`, { detailZh: `数据文件夹 dataDir ${path} ${whyZh}，请将 dataDir 设为一个文件夹`, details: { dataDir: path, errno: code } });
  }
}
