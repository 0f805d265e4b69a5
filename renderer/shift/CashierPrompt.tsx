// The cashier sign-in (issue 12): at shift start on a till that asks for one (config cashiers),
// after each Z, and with F12 to change cashier. The shop's list, when it has one, is offered as
// buttons; otherwise any id may be typed. Keys typed here never reach the sale behind it.
import type { KeyboardEvent } from 'react';
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { KeyButton } from '../app/KeyButton.tsx';
import { useT } from '../i18n/useT.ts';
import { cashierRequired, cashierStore, closeCashierPrompt, promptShown, signIn, signOut, typeCashier, who } from './cashierStore.ts';

/** Signs the cashier on duty out from the prompt (try.md item 12c: every button has its key). */
export const SIGN_OUT_KEY = 'F9';

/**
 * On an empty id field, 1…9 put the list's Nth cashier's id in it (Enter then signs in, so what is
 * chosen is seen first); once something is typed, digits are the id.
 */
export function choiceKey(key: string, typed: string, list: ReadonlyArray<{ id: string }>): string | null {
  if (typed !== '' || !/^[1-9]$/.test(key)) return null;
  return list[Number(key) - 1]?.id ?? null;
}

export function CashierPrompt() {
  const t = useT();
  const s = useStore(cashierStore);
  const input = useRef<HTMLInputElement>(null);
  const shown = promptShown(s);
  useEffect(() => {
    if (shown) input.current?.focus();
  }, [shown]);
  if (!shown || !s.view) return null;
  const required = cashierRequired(s);
  const list = s.view.list;
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    // The sale screen and the function keys listen on the window: nothing typed here is theirs.
    e.stopPropagation();
    const chosen = choiceKey(e.key, s.typed, list);
    if (chosen !== null) {
      e.preventDefault();
      typeCashier(chosen);
    } else if (e.key === SIGN_OUT_KEY && s.view?.cashier) {
      e.preventDefault();
      void signOut();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (s.typed.trim() !== '') void signIn();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      closeCashierPrompt();
    }
  };
  return (
    <div className="cashier-prompt" role="dialog" aria-modal="true" aria-labelledby="cashier-prompt-title" data-testid="cashier-prompt" data-required={required ? 'on' : undefined} onKeyDown={onKey} onMouseDown={(e) => { if (e.target !== input.current) e.preventDefault(); }}>
      <div className="cashier-prompt__box">
        <h2 id="cashier-prompt-title">{t(s.view.cashier ? 'cashier.prompt.titleChange' : 'cashier.prompt.title')}</h2>
        {s.view.cashier && <p className="hint" data-testid="cashier-now">{t('cashier.prompt.current', { who: who(s.view.cashier) })}</p>}
        {required && <p className="hint">{t('cashier.prompt.required')}</p>}
        <p className="hint">{t(list.length > 0 ? 'cashier.prompt.hintList' : 'cashier.prompt.hint')}</p>
        {list.length > 0 && (
          <div className="cashier-prompt__list">
            {list.map((c, i) => (
              <button key={c.id} type="button" tabIndex={-1} className={`key-button key-button--${s.typed.trim() === c.id ? 'current' : 'plain'}`} data-testid={`cashier-choice-${c.id}`} onClick={() => void signIn(c.id)}>
                {i < 9 && <kbd>{i + 1}</kbd>}
                <span>{c.name ?? c.id}</span> <span className="mono small">{c.id}</span>
              </button>
            ))}
          </div>
        )}
        <label className="note">
          <span>{t('cashier.prompt.input')}</span>
          <input ref={input} type="text" maxLength={28} value={s.typed} autoComplete="off" spellCheck={false} data-testid="cashier-id" onChange={(e) => typeCashier(e.target.value)} />
        </label>
        {s.error && <p className="problem" role="alert" data-testid="cashier-error">{t.error(s.error)}</p>}
        <div className="actions">
          <KeyButton keyLabel="Enter" tone="primary" disabled={s.busy || s.typed.trim() === ''} onPress={() => void signIn()} testId="cashier-sign-in">{t('cashier.prompt.signIn')}</KeyButton>
          {!required && <KeyButton keyLabel="Esc" onPress={closeCashierPrompt}>{t('cashier.prompt.cancel')}</KeyButton>}
          {s.view.cashier && <KeyButton keyLabel={SIGN_OUT_KEY} onPress={() => void signOut()} testId="cashier-sign-out">{t('cashier.prompt.signOut')}</KeyButton>}
        </div>
      </div>
    </div>
  );
}

/** The header's note of who is on duty; F12 changes it. */
export function CashierPill() {
  const t = useT();
  const view = useStore(cashierStore, (s) => s.view);
  if (!view || (!view.ask && !view.cashier)) return null;
  return (
    <span className={`pill${view.cashier ? '' : ' pill--warn'}`} data-testid="cashier">
      {view.cashier ? t('cashier.pill', { who: who(view.cashier) }) : t('cashier.pill.none')}
    </span>
  );
}
