// One connection to head office's PostgreSQL through `pg`. The password comes from the file named
// by hq.passwordFile or from PGPASSWORD, never from the config's URL (refused there), and no
// message this module makes carries it: errors name the server by its redacted URL.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { PosError } from '../common/errors.ts';
import { redactUrl } from './hqConfig.ts';

export type HqTarget = { postgres: string; passwordFile?: string | undefined };

export type HqConnectOptions = { connectTimeoutMs?: number; queryTimeoutMs?: number; applicationName?: string };

/** The password for `target`: the file's first line, else PGPASSWORD, else none (trust / .pgpass). */
export function hqPassword(target: HqTarget, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (target.passwordFile) {
    let text: string;
    try {
      text = readFileSync(target.passwordFile, 'utf8');
    } catch (e) {
      throw new PosError('INVALID_CONFIG', `cannot read the head-office password file ${target.passwordFile}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '') throw new PosError('INVALID_CONFIG', `the head-office password file ${target.passwordFile} is empty`);
    return line;
  }
  return env.PGPASSWORD === undefined || env.PGPASSWORD === '' ? undefined : env.PGPASSWORD;
}

/** Errors of the connection itself (not of a statement): head office is down or unreachable. */
export function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (/^(ECONN|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)/.test(code)) return true;
    // 08: connection exception; 57P: operator intervention (shutdown, crash recovery); 53: out of resources.
    if (/^(08|57P|53)/.test(code)) return true;
  }
  const m = (e as Error)?.message ?? '';
  return /Connection terminated|connection timeout|timeout exceeded|not queryable|Client has encountered a connection error/i.test(m);
}

export async function connectHq(target: HqTarget, o: HqConnectOptions = {}): Promise<pg.Client> {
  const password = hqPassword(target);
  // Parsed here, not passed as connectionString: pg lets the string's (absent) password win over ours.
  const u = new URL(target.postgres);
  const sslmode = u.searchParams.get('sslmode');
  const client = new pg.Client({
    host: decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) || 'localhost',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
    ...(sslmode && sslmode !== 'disable' ? { ssl: sslmode === 'verify-full' || sslmode === 'verify-ca' ? true : { rejectUnauthorized: false } } : {}),
    ...(password !== undefined ? { password } : {}),
    connectionTimeoutMillis: o.connectTimeoutMs ?? 15_000,
    query_timeout: o.queryTimeoutMs ?? 30_000,
    keepAlive: true,
    application_name: o.applicationName ?? 'till',
  });
  // An idle connection that drops emits 'error'; the next query fails and the caller reconnects.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new PosError('HQ_UNREACHABLE', `cannot reach head office at ${redactUrl(target.postgres)}: ${(e as Error).message}`, {
      cause: e,
      detailZh: `无法连接总部 ${redactUrl(target.postgres)}：${(e as Error).message}`,
    });
  }
  return client;
}
