// The cashier signed in at this till (issue 12): chosen on screen at shift start, kept by the core
// in the data folder (so a page reload, another screen, a restart of the app and `pos pay` all see
// the same one), sent as Alipay operator_id and journaled with every attempt, and signed out by the
// day close (Z, the F5 screen). One small JSON file, replaced atomically.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PosError } from '../common/errors.ts';
import { checkCashierId } from '../common/payment/amountParts.ts';
import type { CashiersConfig } from '../config/config.ts';

export type OnDuty = { id: string; name: string | null; since: number };

export const ON_DUTY_FILE = 'cashier-on-duty.json';

const NO_CASHIERS: CashiersConfig = { ask: false, list: [] };

export class CashierOnDuty {
  readonly #path: string;
  readonly #config: CashiersConfig;

  constructor(dataDir: string, config: CashiersConfig | undefined) {
    this.#path = join(dataDir, ON_DUTY_FILE);
    this.#config = config ?? NO_CASHIERS;
  }

  get config(): CashiersConfig {
    return this.#config;
  }

  /**
   * Who is signed in now; null: nobody. A file that cannot be read as one is nobody too (the
   * screen then asks again): a wrong cashier on a payment is worse than a question.
   */
  current(): OnDuty | null {
    if (!existsSync(this.#path)) return null;
    try {
      const v = JSON.parse(readFileSync(this.#path, 'utf8')) as Partial<OnDuty>;
      if (typeof v.id !== 'string' || typeof v.since !== 'number') return null;
      const id = checkCashierId(v.id);
      // A list that no longer names them (the config changed): signed out.
      if (this.#config.list.length > 0 && !this.#config.list.some((c) => c.id === id)) return null;
      return { id, name: typeof v.name === 'string' ? v.name : this.#nameOf(id), since: v.since };
    } catch {
      return null;
    }
  }

  signIn(id: string, at: number): OnDuty {
    const checked = this.#known(id);
    const onDuty: OnDuty = { id: checked, name: this.#nameOf(checked), since: at };
    const tmp = `${this.#path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(onDuty)}\n`, { mode: 0o600 });
    renameSync(tmp, this.#path);
    return onDuty;
  }

  signOut(): void {
    rmSync(this.#path, { force: true });
  }

  /**
   * The id a payment is taken under: the signed-in cashier; none when nobody is and the till does
   * not ask. Refused (CASHIER_REQUIRED) when the till asks for a cashier and nobody is signed in.
   */
  forPayment(explicit?: string): string | undefined {
    // `pos pay --operator ID`: the command line names the cashier, checked like a sign-in.
    if (explicit !== undefined) return this.#known(explicit);
    const c = this.current();
    if (c) return c.id;
    if (this.#config.ask) {
      throw new PosError('CASHIER_REQUIRED', 'no cashier is signed in at this till; sign in (F12) before taking a payment', {
        detailZh: '本收银台尚未登录收银员，请先登录（F12）再收款',
      });
    }
    return undefined;
  }

  /** A well-formed id, and one of the shop's cashiers when the config lists them. */
  #known(id: string): string {
    const checked = checkCashierId(id);
    if (this.#config.list.length > 0 && !this.#config.list.some((c) => c.id === checked)) {
      throw new PosError('INVALID_ARGUMENT', `${checked} is not one of this shop's cashiers (cashiers.list)`, {
        detailZh: `${checked} 不是本店的收银员（cashiers.list）`,
        details: { field: 'cashier', id: checked },
      });
    }
    return checked;
  }

  #nameOf(id: string): string | null {
    return this.#config.list.find((c) => c.id === id)?.name ?? null;
  }
}
