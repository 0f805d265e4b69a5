// The `till` and `hq` sections of the config file (issue 13). No `hq` section: no sync, a single
// shop runs exactly as before. The password is never in the file: a URL carrying one is refused
// (config files get pasted into chats and printed), it comes from `hq.passwordFile` or PGPASSWORD.
import { z } from 'zod';
import { PosError } from '../common/errors.ts';

const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only');

export const TillSectionSchema = z.object({
  /** This till's id across the chain, e.g. S01-T01. */
  id: id.optional(),
  /** The store it stands in; defaults to the part of `id` before the first "-". */
  storeId: id.optional(),
}).strict();

export const HqSectionSchema = z.object({
  postgres: z.string().trim().min(1).max(1024),
  passwordFile: z.string().trim().min(1).optional(),
  /** Accepted as the issue spells it; `till.id` is the same thing. */
  tillId: id.optional(),
  batchSize: z.number().int().min(1).max(10_000).optional(),
  pollIntervalMs: z.number().int().min(100).max(600_000).optional(),
  maxBackoffMs: z.number().int().min(1000).max(3_600_000).optional(),
}).strict();

export type HqConfig = {
  /** postgres://user@host:port/db — never with a password in it. */
  postgres: string;
  passwordFile: string | undefined;
  tillId: string;
  storeId: string;
  batchSize: number;
  pollIntervalMs: number;
  maxBackoffMs: number;
};

export const HQ_DEFAULTS = { batchSize: 1000, pollIntervalMs: 2000, maxBackoffMs: 60_000 } as const;

/** A URL safe to print: the password (if any slipped in) replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

export function resolveTillAndHq(
  till: z.infer<typeof TillSectionSchema> | undefined,
  hq: z.infer<typeof HqSectionSchema> | undefined,
  at: (p: string | undefined) => string | undefined,
  source: string,
): { till: { id: string | undefined; storeId: string | undefined }; hq: HqConfig | undefined } {
  const refuse = (why: string, zh: string) => new PosError('INVALID_CONFIG', `${source}: ${why}`, { detailZh: `${source}：${zh}` });
  if (till?.id && hq?.tillId && till.id !== hq.tillId) throw refuse(`till.id (${till.id}) and hq.tillId (${hq.tillId}) disagree; set one of them`, `till.id（${till.id}）与 hq.tillId（${hq.tillId}）不一致，只需设置一个`);
  const tillId = till?.id ?? hq?.tillId;
  const storeId = till?.storeId ?? (tillId?.includes('-') ? tillId.slice(0, tillId.indexOf('-')) : undefined);
  if (!hq) return { till: { id: tillId, storeId }, hq: undefined };
  let u: URL;
  try {
    u = new URL(hq.postgres);
  } catch {
    throw refuse('hq.postgres is not a URL like postgres://till@hq.example:5432/chain', 'hq.postgres 不是有效地址，例如 postgres://till@hq.example:5432/chain');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw refuse(`hq.postgres must start with postgres://, not ${u.protocol}//`, 'hq.postgres 必须以 postgres:// 开头');
  if (u.password) throw refuse('hq.postgres carries a password; put it in the file named by hq.passwordFile or in PGPASSWORD, never in the config', 'hq.postgres 含有密码；请放在 hq.passwordFile 指定的文件或 PGPASSWORD 环境变量中');
  if (!tillId) throw refuse('hq is configured but this till has no id: set till.id (e.g. "S01-T01")', '已配置总部同步，但未设置收银台编号 till.id（例如 "S01-T01"）');
  if (!storeId) throw refuse(`till.storeId is missing and cannot be read from till.id ${tillId} (no "-"): set till.storeId`, `缺少门店编号 till.storeId`);
  return {
    till: { id: tillId, storeId },
    hq: {
      postgres: hq.postgres,
      passwordFile: at(hq.passwordFile),
      tillId,
      storeId,
      batchSize: hq.batchSize ?? HQ_DEFAULTS.batchSize,
      pollIntervalMs: hq.pollIntervalMs ?? HQ_DEFAULTS.pollIntervalMs,
      maxBackoffMs: hq.maxBackoffMs ?? HQ_DEFAULTS.maxBackoffMs,
    },
  };
}
