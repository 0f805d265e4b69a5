// The manager's PIN (issue 10 item 3): the confirmation the cashier's page cannot give itself for
// a change of merchant credentials or leaving training mode. It is set on the machine only — by
// `pos settings set-pin` — and kept as an scrypt hash in <dataDir>/keys/manager-pin.json (0600),
// never in the settings the page can write. Wrong guesses lock it for a while, so a page that
// tries every 4-digit PIN gets five tries per lock period, not ten thousand.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PosError } from '../common/errors.ts';
import { writeFileAtomic } from './atomicFile.ts';

/** scrypt cost: about 50 ms on a counter PC, and 32 MiB, per guess. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;
export const MAX_WRONG_PINS = 5;
export const PIN_LOCK_MS = 5 * 60_000;

const PinFile = z.object({
  v: z.literal(1),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();

/** 4 to 12 digits: typed on the till's number pad. */
export const PIN_PATTERN = /^\d{4,12}$/;

export class ManagerPin {
  readonly #file: string;
  readonly #now: () => number;
  #wrong = 0;
  #lockedUntilMs = 0;

  constructor(dataDir: string, now: () => number = Date.now) {
    this.#file = join(dataDir, 'keys', 'manager-pin.json');
    this.#now = now;
  }

  get isSet(): boolean {
    return existsSync(this.#file);
  }

  /** Only the CLI calls this (cli/commands/settings.ts): no IPC channel sets a PIN. */
  set(pin: string): void {
    if (!PIN_PATTERN.test(pin)) throw new PosError('INVALID_ARGUMENT', 'the manager PIN must be 4 to 12 digits', { detailZh: '店长密码须为 4 至 12 位数字' });
    const salt = randomBytes(16);
    const hash = scryptSync(pin, salt, KEY_BYTES, SCRYPT);
    const file: z.infer<typeof PinFile> = { v: 1, salt: salt.toString('hex'), N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, hash: hash.toString('hex') };
    writeFileAtomic(this.#file, `${JSON.stringify(file)}\n`);
  }

  /**
   * Checks a PIN the page passed on. Throws CONFIRMATION_REQUIRED when none is set on the machine,
   * none was given, it is wrong, or too many wrong ones came in a row.
   */
  verify(pin: string | undefined, details: Record<string, unknown> = {}): void {
    if (!this.isSet) {
      throw new PosError('CONFIRMATION_REQUIRED', 'no manager PIN is set on this till; set one with `pos settings set-pin` on the till\'s computer', {
        details: { ...details, pinSet: false },
        detailZh: '本机未设置店长密码；请在收银电脑上运行 `pos settings set-pin` 设置',
      });
    }
    const now = this.#now();
    if (now < this.#lockedUntilMs) {
      const waitSeconds = Math.ceil((this.#lockedUntilMs - now) / 1000);
      throw new PosError('CONFIRMATION_REQUIRED', `too many wrong PINs; try again in ${waitSeconds} s`, { details: { ...details, pinSet: true, lockedForSeconds: waitSeconds }, detailZh: `店长密码错误次数过多，请 ${waitSeconds} 秒后再试` });
    }
    if (pin === undefined) throw new PosError('CONFIRMATION_REQUIRED', 'enter the manager PIN to confirm this change', { details: { ...details, pinSet: true }, detailZh: '请输入店长密码确认此更改' });
    if (!this.#matches(pin)) {
      this.#wrong += 1;
      if (this.#wrong >= MAX_WRONG_PINS) {
        this.#wrong = 0;
        this.#lockedUntilMs = now + PIN_LOCK_MS;
      }
      throw new PosError('CONFIRMATION_REQUIRED', 'the manager PIN is wrong', { details: { ...details, pinSet: true, wrongPin: true }, detailZh: '店长密码错误' });
    }
    this.#wrong = 0;
  }

  #matches(pin: string): boolean {
    const stored = PinFile.parse(JSON.parse(readFileSync(this.#file, 'utf8')));
    const given = scryptSync(pin, Buffer.from(stored.salt, 'hex'), KEY_BYTES, { N: stored.N, r: stored.r, p: stored.p, maxmem: SCRYPT.maxmem });
    return timingSafeEqual(given, Buffer.from(stored.hash, 'hex'));
  }
}
