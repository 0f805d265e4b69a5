// The secret that keys the journal's code hashes (HMAC-SHA256 of each payment code), kept apart
// from the hashes (issue 10 item 7): a journal file copied for support, a backup or head office
// then carries no way to test guessed codes against them. It lives in <dataDir>/keys/ (0700) as
// <journal file>.code-hash, 0600; in the desktop app sealed by the OS keychain like the Alipay keys.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PosError } from '../common/errors.ts';
import type { CodeHashSecretSource } from '../journal/SqliteJournal.ts';
import { writeFileAtomic } from './atomicFile.ts';
import type { SecretBox } from './SecretBox.ts';

/** keys/<journal>.code-hash.<kind>: the kind says how it was written, so a reader cannot mistake one for the other. */
function fileFor(journalPath: string, kind: SecretBox['kind']): string {
  return join(dirname(journalPath), 'keys', `${basename(journalPath)}.code-hash.${kind}`);
}

/** The secret of the journal at `journalPath`, sealed by `box` (file permissions when none is given). */
export function codeHashSecretFile(journalPath: string, box?: SecretBox): CodeHashSecretSource {
  const kind = box?.kind ?? 'file-permissions';
  return {
    read() {
      const own = fileFor(journalPath, kind);
      if (existsSync(own)) return Buffer.from(kind === 'file-permissions' ? readFileSync(own, 'utf8').trim() : box!.open(readFileSync(own)), 'hex');
      const other = fileFor(journalPath, kind === 'file-permissions' ? 'os-keychain' : 'file-permissions');
      if (existsSync(other) && kind === 'file-permissions') {
        throw new PosError('INVALID_CONFIG', `the journal ${journalPath} belongs to the desktop app: its code-hash secret is sealed by the OS keychain (${other}); open this data folder from the desktop app`);
      }
      if (existsSync(other)) return Buffer.from(readFileSync(other, 'utf8').trim(), 'hex');
      return undefined;
    },
    write(secret) {
      const hex = secret.toString('hex');
      let sealed: Buffer | undefined;
      try {
        sealed = kind === 'file-permissions' ? undefined : box!.seal(hex);
      } catch {
        // No OS keychain (main/secretBox.ts refuses then): a till must still take payments, so the
        // secret falls back to a file only the till's user can read, as in browser mode.
      }
      if (sealed) writeFileAtomic(fileFor(journalPath, kind), sealed);
      else writeFileAtomic(fileFor(journalPath, 'file-permissions'), `${hex}\n`);
    },
  };
}
