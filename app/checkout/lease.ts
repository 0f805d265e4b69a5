// Who settles a payment attempt (issue 8 item 3): the process that created it holds a lease in the
// journal row (owner id + expiry), renews it while it waits, and gives it up when the attempt is
// final. Another process (the screen's till, `pos query`, a cron'd `pos recover`) leaves an attempt
// with a live lease alone and takes it over only once the lease has lapsed — or at once when the
// owner is a process on this machine that no longer exists (a killed `pos pay`), so a recovery right
// after a crash does not wait out the lease.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../Clock.ts';
import type { AttemptRecord, JournalStore, Lease } from '../journal/JournalStore.ts';

/** How long a lease lasts without renewal; renewed every third of it while the owner waits. */
export const DEFAULT_LEASE_MS = 15_000;

/** `host:pid:random` — the random part tells two lives of one pid apart. */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** True when the owner named in a lease is a process of this machine that has exited. */
export function ownerGone(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    // EPERM: alive, someone else's; only ESRCH proves it is gone.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function leaseOf(a: AttemptRecord): Lease | null {
  return a.leaseOwner === null ? null : { owner: a.leaseOwner, expiresAt: a.leaseExpiresAt ?? 0 };
}

/** Whether `me` may act on the attempt now: unowned, owned by me, lapsed, or its owner is gone. */
export function mayTake(a: AttemptRecord, me: string, nowMs: number): boolean {
  const l = leaseOf(a);
  return l === null || l.owner === me || l.expiresAt <= nowMs || ownerGone(l.owner);
}

/** The pid in an owner id, for messages ("held by process 1234"). */
export function ownerPid(owner: string | null): number | undefined {
  const pid = Number(owner?.split(':')[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

export type LeaseHolder = { journal: JournalStore; clock: Clock; ownerId: string; leaseMs: number };

/** Takes the attempt's lease when no other live process holds it (compare-and-set on the lease seen). */
export function takeLease(h: LeaseHolder, a: AttemptRecord): boolean {
  const now = h.clock.now();
  if (!mayTake(a, h.ownerId, now)) return false;
  return h.journal.takeLease(a.outTradeNo, { owner: h.ownerId, expiresAt: now + h.leaseMs }, leaseOf(a), now);
}

/** Renews this process's lease while it works on the attempt; the returned function stops and releases it. */
export function holdLease(h: LeaseHolder, outTradeNo: string): () => void {
  const renew = () => {
    try {
      if (!h.journal.renewLease(outTradeNo, { owner: h.ownerId, expiresAt: h.clock.now() + h.leaseMs })) clearInterval(timer);
    } catch {
      clearInterval(timer); // the journal was closed under us; the lease simply lapses
    }
  };
  const timer = setInterval(renew, Math.max(50, Math.floor(h.leaseMs / 3)));
  timer.unref();
  return () => {
    clearInterval(timer);
    try {
      h.journal.releaseLease(outTradeNo, h.ownerId);
    } catch {
      // closed journal: nothing to release
    }
  };
}
