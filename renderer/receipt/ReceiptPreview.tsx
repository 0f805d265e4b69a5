// A receipt as it would print (issue 9 item 14): browser mode has no print dialog, and a till
// without a printer still shows the cashier what the customer would have got. Esc closes it.
import type { ReceiptPreviewView } from '../../app/common/ipc/counterViews.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';

export function ReceiptPreview({ preview, onClose, note }: { preview: ReceiptPreviewView; onClose: () => void; note?: string | undefined }) {
  const t = useT();
  useKeys((key) => {
    if (key === 'Escape' || key === 'Enter') return onClose(), true;
    return false;
  });
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
