// A receipt as it would print (issue 9 item 14): browser mode has no print dialog, and a till
// without a printer still shows the cashier what the customer would have got. Esc closes it.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ReceiptPreviewView } from '../../app/common/ipc/counterViews.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { useT } from '../i18n/useT.ts';
import { keyName } from '../keyboard/keyName.ts';

/**
 * The preview is modal: while it is up it takes every key before the screen under it (whose own
 * Esc would leave the screen or clear the amount), in the capture phase, after the scanner's.
 */
function useModalKeys(onClose: () => void): void {
  const latest = useRef(onClose);
  useLayoutEffect(() => {
    latest.current = onClose;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const key = keyName(e);
      e.stopPropagation();
      if (key === 'Escape' || key === 'Enter') {
        e.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

export function ReceiptPreview({ preview, onClose, note }: { preview: ReceiptPreviewView; onClose: () => void; note?: string | undefined }) {
  const t = useT();
  useModalKeys(onClose);
  return (
    <div className="receipt-preview" role="dialog" aria-label={t('receipt.preview')} data-testid="receipt-preview">
      <div className="receipt-preview__sheet">
        <header className="receipt-preview__head">
          <h2>{t('receipt.preview')}</h2>
          <span className="small">{t('receipt.paper', { mm: preview.paperWidthMm })}</span>
          <KeyButton keyLabel="Esc" onPress={onClose}>{t('receipt.close')}</KeyButton>
        </header>
        {note && <p className="problem" role="status">{note}</p>}
        <div className="receipt-preview__paper">
          <img src={`data:image/png;base64,${preview.pngBase64}`} alt={preview.text} data-testid="receipt-image" />
        </div>
      </div>
    </div>
  );
}
