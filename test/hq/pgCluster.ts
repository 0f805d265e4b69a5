// A throwaway PostgreSQL cluster from Debian's `postgresql` package for the head-office tests: initdb
// in a temp folder, postgres on a free port on 127.0.0.1, stopped and removed after. PostgreSQL
// refuses to run as root (CI runs as root), so as root the cluster belongs to the `postgres` user
// and every server program runs under `setpriv` as that user. No mock database (issue 13).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** The test clusters' superuser password (tests read it as the till would: a file or PGPASSWORD). */
export const PG_PASSWORD = 'till-test-secret';

function pgBin(): string {
  if (existsSync(join(PG_BIN, 'initdb'))) return PG_BIN;
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
  const last = versions.at(-1);
  if (!last) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (scripts/system-deps.js does it before npm test)');
  return `/usr/lib/postgresql/${last}/bin`;
}

type Owner = { uid: number; gid: number } | undefined;

function ownerForServer(): Owner {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid === 0) throw new Error('running as root, and there is no unprivileged `postgres` user to run the test cluster as (the postgresql package creates it)');
  return { uid, gid };
}

/** argv run as the cluster's owner: as root through setpriv, which execs (the pid is postgres's own). */
function asOwner(owner: Owner, argv: string[]): [string, string[]] {
  if (!owner) return [argv[0]!, argv.slice(1)];
  return ['setpriv', [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--init-groups', '--', ...argv]];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type PgCluster = {
  port: number;
  host: string;
  /** A connection string without the password (as the till's config holds it). */
  url(database?: string): string;
  /** A new database; each test gets its own so one cluster serves a whole test file. */
  createDatabase(name: string): Promise<string>;
  client(database?: string): Promise<pg.Client>;
  /** Stops the server: 'fast' (clean), 'immediate' (no checkpoint, like a power cut), or SIGKILL of the postmaster. */
  stop(mode?: 'fast' | 'immediate' | 'kill'): Promise<void>;
  start(): Promise<void>;
  running(): boolean;
  /** Stops the server and removes the folder. */
  destroy(): Promise<void>;
};

/** `fsync: true` for benchmarks (durable commits, as a real head office runs); tests leave it off. */
export async function startPgCluster(o: { fsync?: boolean; maxConnections?: number } = {}): Promise<PgCluster> {
  const bin = pgBin();
  const owner = ownerForServer();
  const dir = mkdtempSync(join(tmpdir(), 'till-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${PG_PASSWORD}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  // Local socket trusted (only the owner reaches it), TCP needs the password: the till's path.
  const [cmd, args] = asOwner(owner, [join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '--no-sync', '-E', 'UTF8', '--locale=C']);
  const init = spawnSync(cmd, args, { encoding: 'utf8', cwd: dir });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  const port = await freePort();
  const host = '127.0.0.1';
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  async function start(): Promise<void> {
    // fsync off by default: the tests kill servers and backends, never the machine; it keeps them fast.
    const [c, a] = asOwner(owner, [join(bin, 'postgres'), '-D', data, '-p', String(port), '-k', dir, '-c', `listen_addresses=${host}`, '-c', `fsync=${o.fsync ? 'on' : 'off'}`, '-c', `max_connections=${o.maxConnections ?? 300}`, '-c', 'log_min_messages=warning']);
    const p = spawn(c, a, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = p;
    p.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    p.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    exited = new Promise((done) => p.once('exit', () => done()));
    for (let i = 0; i < 300; i++) {
      if (p.exitCode !== null) throw new Error(`postgres exited (${p.exitCode}): ${log}`);
      const c2 = new pg.Client({ host, port, user: 'postgres', password: PG_PASSWORD, database: 'postgres', connectionTimeoutMillis: 1000 });
      try {
        await c2.connect();
        await c2.end();
        return;
      } catch {
        await c2.end().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`postgres did not accept connections on ${host}:${port}: ${log}`);
  }

  async function stop(mode: 'fast' | 'immediate' | 'kill' = 'fast'): Promise<void> {
    const p = child;
    if (!p || p.exitCode !== null) return;
    // A SIGKILLed postmaster leaves its backends to notice on their own, and a new postmaster
    // refuses the folder while they hold its shared memory: note them first, wait for them after.
    const children = mode === 'kill' ? spawnSync('pgrep', ['-P', String(p.pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number) : [];
    p.kill(mode === 'fast' ? 'SIGINT' : mode === 'immediate' ? 'SIGQUIT' : 'SIGKILL');
    await exited;
    child = undefined;
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 400 && children.some(alive); i++) await new Promise((res) => setTimeout(res, 25));
  }

  await start();
  const url = (database = 'postgres') => `postgres://postgres@${host}:${port}/${database}`;
  const client = async (database = 'postgres') => {
    const c = new pg.Client({ host, port, user: 'postgres', password: PG_PASSWORD, database });
    // A server killed under a test's client must fail its next query, not the test process.
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  return {
    port,
    host,
    url,
    client,
    async createDatabase(name: string) {
      const c = await client();
      try {
        await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    stop,
    start,
    running: () => child !== undefined && child.exitCode === null,
    async destroy() {
      await stop('fast');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
