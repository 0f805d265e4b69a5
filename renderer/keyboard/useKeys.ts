// A screen's keys: one window listener per mounted screen, after the scan listener (which sits
// in the capture phase and keeps a scan's keys from ever arriving here). A handler that returns
// true took the key, and its default action (a focused button's click, the browser's F3 search)
// is cancelled.
import { useEffect, useLayoutEffect, useRef } from 'react';
import { keyName } from './keyName.ts';

export type KeyHandler = (key: string, e: KeyboardEvent) => boolean | void;

export function useKeys(handler: KeyHandler): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return;
      if (latest.current(keyName(e), e) === true) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
