// Waiting for the customer's code: the amount, what to do, and a way back to change it.
import { useStore } from 'zustand';
import { Icon } from '../app/Icon.tsx';
import { KeyButton } from '../app/KeyButton.tsx';
import { ProblemLine } from '../app/ProblemLine.tsx';
import { yuan } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';
import { checkAmount } from './amountText.ts';
import { QR_KEY } from '../keyboard/saleKeys.ts';
import { back, startQr, submitManualCode } from './saleActions.ts';
import { QrProviderChoice } from './QrProviderChoice.tsx';
import type { SaleState } from './saleMachine.ts';
import type { Fen } from '../../app/common/money.ts';
import { checkUndiscountable } from './undiscountable.ts';
import { UndiscountableLine } from './UndiscountableLine.tsx';
import { tillStore } from '../till/tillStore.ts';
import { scanHint } from '../history/paymentWords.ts';

export function ScanPrompt({ sale }: { sale: Extract<SaleState, { phase: 'scan' }> }) {
  const t = useT();
  const amount = checkAmount(sale.draft.amountText);
  const part = (fen: Fen) => {
    const u = checkUndiscountable(fen, sale.draft);
    return u.ok ? u.fen : 0;
  };
  const partFen = amount.ok ? part(amount.fen) : 0;
  // Whose code comes is known only at the scan: with WeChat on this till, say before it (TRY item 2).
  const wechatHere = useStore(tillStore, (s) => Boolean(s.info?.providers?.includes('wechat') || s.info?.qrProviders?.includes('wechat')));
  // Which apps' codes this till takes: the customer is told which page to open (TRY item 17).
  const takes = useStore(tillStore, (s) => s.info?.providers ?? s.info?.qrProviders);
  if (sale.qrChoice) {
    return (
      <section className="sale sale--scan" data-screen="scan" data-qr-choice="open">
        <div className="amount-display amount-display--fixed" data-testid="amount">{amount.ok ? yuan(amount.fen) : sale.draft.amountText}</div>
        <UndiscountableLine fen={partFen} />
        <QrProviderChoice providers={sale.qrChoice} partFen={partFen} />
      </section>
    );
  }
  return (
    <section className="sale sale--scan" data-screen="scan">
      <div className="amount-display amount-display--fixed" data-testid="amount">{amount.ok ? yuan(amount.fen) : sale.draft.amountText}</div>
      <UndiscountableLine fen={partFen} before={wechatHere ? 'scan' : undefined} />
      {sale.draft.note && <div className="note-line">{sale.draft.note}</div>}
      <div className="status status--scan">
        <Icon name="scan" className="status__icon" />
        <div>
          <h1 className="status__title">{t('sale.scan.title')}</h1>
          <p className="status__detail" data-testid="scan-hint">{scanHint(t, takes)}</p>
        </div>
      </div>
      <ProblemLine problem={sale.problem} />
      {sale.manualCode !== '' && (
        <p className="manual-code" data-testid="manual-code">
          {t('sale.scan.manual')} <span className="mono">{sale.manualCode}</span>
        </p>
      )}
      <p className="hint">{t('sale.scan.manualHint')}</p>
      <p className="hint">{t('qr.keyHint')}</p>
      <div className="actions">
        {sale.manualCode !== '' && (
          <KeyButton keyLabel="Enter" tone="primary" onPress={submitManualCode}>
            {t('sale.result.retry')}
          </KeyButton>
        )}
        <KeyButton keyLabel={QR_KEY} onPress={startQr} testId="start-qr">
          {t('qr.key')}
        </KeyButton>
        <KeyButton keyLabel="Esc" onPress={back}>
          {t('sale.scan.back')}
        </KeyButton>
      </div>
    </section>
  );
}
