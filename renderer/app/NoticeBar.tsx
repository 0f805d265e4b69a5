// The latest passing notice; it fades after a while, since it only reports something that happened.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useT } from '../i18n/useT.ts';
import { clearNotice, uiStore } from '../ui/uiStore.ts';

const SHOWN_FOR_MS = 6000;

export function NoticeBar() {
  const t = useT();
  const notice = useStore(uiStore, (s) => s.notice);
  useEffect(() => {
    if (!notice) return undefined;
    const id = setTimeout(clearNotice, SHOWN_FOR_MS);
    return () => clearTimeout(id);
  }, [notice]);
  if (!notice) return <div className="notice notice--empty" />;
  const text = 'error' in notice ? t.error(notice.error) : t(notice.message, notice.params);
  return (
    <div className={`notice notice--${notice.tone}`} role="status" data-testid="notice">
      {text}
    </div>
  );
}
