// Settings: Alipay credentials imported from key files, store/terminal/operator ids, scanner,
// printer, language and training mode. Enter saves, Esc goes back to the sale.
import { useEffect, type ReactNode } from 'react';
import { PromotionsPanel } from './PromotionsPanel.tsx';
import { useStore } from 'zustand';
import type { ScannerSourceKind } from '../../app/common/ipc/views.ts';
import { KeyButton } from '../app/KeyButton.tsx';
import { LANGUAGES, translate, type Language } from '../i18n/catalogue.ts';
import { useT } from '../i18n/useT.ts';
import { useKeys } from '../keyboard/useKeys.ts';
import { SoundSettings } from '../sound/SoundSettings.tsx';
import { tillStore } from '../till/tillStore.ts';
import { goTo } from '../ui/uiStore.ts';
import type { KeyFile, WechatIdField } from './settingsDraft.ts';
import { ManagerPinPrompt } from './ManagerPinPrompt.tsx';
import { editSettings, importKey, loadSettings, saveSettings, settingsStore } from './settingsStore.ts';

const SOURCES: readonly ScannerSourceKind[] = ['wedge', 'hid', 'serial'];

function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      {children}
      {hint && <span className="field__hint">{hint}</span>}
    </label>
  );
}

function KeyImport({ label, stored, chosen, onFile }: { label: string; stored: boolean; chosen: KeyFile | null; onFile: (f: File) => void }) {
  const t = useT();
  return (
    <Field label={label}>
      <span className="key-import">
        <span className={`badge ${stored ? 'badge--success' : 'badge--unknown'}`}>{chosen ? t('settings.keyChosen', { name: chosen.name }) : stored ? t('settings.keyStored') : t('settings.keyMissing')}</span>
        <span className="file-button">
          {t('settings.importKey')}
          <input type="file" accept=".pem,.txt,.key" aria-label={`${label}: ${t('settings.importKey')}`} onChange={(e) => { const f = e.target.files?.[0]; if (f) onFile(f); }} />
        </span>
      </span>
    </Field>
  );
}

/** Labels in the screen's language (issue 9 item 9: nothing of the other language on screen); the wire names stay as WeChat prints them. */
const WECHAT_FIELDS: Array<[WechatIdField, { zh: string; en: string }, number, string]> = [
  ['wechatMchId', { zh: '商户号 (mchid)', en: 'Merchant ID (mchid)' }, 10, '1900000109'],
  ['wechatAppId', { zh: 'AppID', en: 'AppID' }, 18, 'wx…'],
  ['wechatCertSerialNo', { zh: '商户证书序列号', en: 'Certificate serial' }, 64, ''],
  ['wechatPayPublicKeyId', { zh: '微信支付公钥ID', en: 'WeChat Pay public key ID' }, 80, 'PUB_KEY_ID_…'],
];

const WECHAT_WORDS = {
  legend: { zh: '微信支付', en: 'WeChat Pay' },
  privateKey: { zh: '商户API私钥 (apiclient_key.pem)', en: 'Merchant API private key (apiclient_key.pem)' },
  publicKey: { zh: '微信支付公钥 (pub_key.pem)', en: 'WeChat Pay public key (pub_key.pem)' },
};

export function SettingsScreen() {
  const t = useT();
  const wx = (w: { zh: string; en: string }) => (t.language === 'en' ? w.en : w.zh);
  const { saved, draft, status, error } = useStore(settingsStore);
  const info = useStore(tillStore, (s) => s.info);
  useEffect(() => {
    void loadSettings();
  }, []);
  useKeys((key, e) => {
    if (key === 'Escape') return goTo('sale'), true;
    // Enter saves from any field but a file picker (where it opens the dialog).
    if (key === 'Enter' && (e.target as HTMLInputElement | null)?.type !== 'file') return void saveSettings(), true;
    return false;
  });
  if (!draft || !saved) {
    return (
      <section className="settings" data-screen="settings">
        <h1>{t('settings.title')}</h1>
        {error ? <p className="problem">{t.error(error)}</p> : <p className="hint">{t('history.loading')}</p>}
      </section>
    );
  }
  const text = (k: 'shopName' | 'shopLogoPath' | 'appId' | 'storeId' | 'terminalId' | 'operatorId' | 'scannerPath' | 'printerUrl', extra: { placeholder?: string; maxLength?: number } = {}) => (
    <input type="text" value={draft[k]} onChange={(e) => editSettings({ [k]: e.target.value })} autoComplete="off" spellCheck={false} {...extra} />
  );
  return (
    <section className="settings" data-screen="settings">
      <header className="screen-head">
        <h1>{t('settings.title')}</h1>
        <span className={`badge ${saved.mode === 'training' ? 'badge--training' : 'badge--success'}`}>{saved.mode === 'training' ? t('settings.mode.training') : t('settings.mode.live')}</span>
        {error && <p className="problem" role="alert">{t.error(error)}</p>}
        {status === 'saved' && <p className="ok" role="status">{t('settings.saved')}</p>}
        <ManagerPinPrompt />
        <div className="actions actions--head">
          <KeyButton keyLabel="Enter" tone="primary" onPress={() => void saveSettings()} disabled={status === 'saving'} testId="save-settings">
            {status === 'saving' ? t('settings.saving') : t('settings.save')}
          </KeyButton>
          <KeyButton keyLabel="Esc" onPress={() => goTo('sale')}>{t('settings.back')}</KeyButton>
        </div>
      </header>
      <div className="settings__grid">
        <fieldset>
          <legend>{t('settings.section.shop')}</legend>
          <Field label={t('settings.shopName')}>{text('shopName', { maxLength: 64 })}</Field>
          <Field label={t('settings.shopLogo')} hint={saved.shopLogo?.from === 'config' && draft.shopLogoPath.trim() === '' ? t('settings.shopLogoFromConfig', { path: saved.shopLogo.path ?? '' }) : t('settings.shopLogoHint')}>
            {text('shopLogoPath', { maxLength: 1024, placeholder: '/home/shop/logo.png' })}
          </Field>
          <Field label={t('settings.language')}>
            <select value={draft.language} onChange={(e) => editSettings({ language: e.target.value as Language })} data-testid="language">
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>{l === t.language ? translate(l, 'language.name') : `${t(`language.of.${l}`)} · ${translate(l, 'language.name')}`}</option>
              ))}
            </select>
          </Field>
          <Field label={t('settings.training')} hint={t('settings.trainingHint')}>
            <input type="checkbox" checked={draft.training} onChange={(e) => editSettings({ training: e.target.checked })} data-testid="training" />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('settings.section.alipay')}</legend>
          <Field label={t('settings.appId')}>{text('appId', { maxLength: 16, placeholder: '2021…' })}</Field>
          <KeyImport label={t('settings.privateKey')} stored={saved.alipay.hasPrivateKey} chosen={draft.privateKey} onFile={(f) => void importKey('privateKey', f)} />
          <KeyImport label={t('settings.publicKey')} stored={saved.alipay.hasAlipayPublicKey} chosen={draft.alipayPublicKey} onFile={(f) => void importKey('alipayPublicKey', f)} />
          <Field label={t('settings.storeId')}>{text('storeId', { maxLength: 64 })}</Field>
          <Field label={t('settings.terminalId')}>{text('terminalId', { maxLength: 64 })}</Field>
          <Field label={t('settings.operatorId')} hint={t('settings.operatorIdHint')}>{text('operatorId', { maxLength: 64 })}</Field>
        </fieldset>
        <fieldset data-testid="settings-wechat">
          <legend>{wx(WECHAT_WORDS.legend)}</legend>
          {WECHAT_FIELDS.map(([k, label, maxLength, placeholder]) => (
            <Field key={k} label={wx(label)}>
              <input type="text" value={draft[k]} onChange={(e) => editSettings({ [k]: e.target.value })} autoComplete="off" spellCheck={false} maxLength={maxLength} placeholder={placeholder} data-testid={k} />
            </Field>
          ))}
          <KeyImport label={wx(WECHAT_WORDS.privateKey)} stored={saved.wechat?.hasPrivateKey ?? false} chosen={draft.wechatPrivateKey} onFile={(f) => void importKey('wechatPrivateKey', f)} />
          <KeyImport label={wx(WECHAT_WORDS.publicKey)} stored={saved.wechat?.hasWechatPayPublicKey ?? false} chosen={draft.wechatPayPublicKey} onFile={(f) => void importKey('wechatPayPublicKey', f)} />
        </fieldset>
        <PromotionsPanel promotions={saved.promotions} certMode={saved.certMode} />
        <fieldset>
          <legend>{t('settings.section.scanner')}</legend>
          <Field label={t('settings.scannerSource')}>
            <select value={draft.scannerSource} onChange={(e) => editSettings({ scannerSource: e.target.value as ScannerSourceKind })}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>{t(`settings.scanner.${s}`)}</option>
              ))}
            </select>
          </Field>
          {draft.scannerSource !== 'wedge' && <Field label={t('settings.scannerPath')}>{text('scannerPath', { placeholder: '/dev/ttyACM0' })}</Field>}
        </fieldset>
        <fieldset>
          <legend>{t('settings.section.printer')}</legend>
          <Field label={t('settings.printerUrl')} hint={t('settings.printerUrlHint')}>{text('printerUrl', { placeholder: 'tcp://192.168.1.50:9100' })}</Field>
          <Field label={t('settings.paper')}>
            <select value={draft.paperWidthMm} onChange={(e) => editSettings({ paperWidthMm: Number(e.target.value) === 58 ? 58 : 80 })}>
              <option value={58}>58 mm</option>
              <option value={80}>80 mm</option>
            </select>
          </Field>
          <Field label={t('settings.printOnSuccess')}>
            <input type="checkbox" checked={draft.printOnSuccess} onChange={(e) => editSettings({ printOnSuccess: e.target.checked })} />
          </Field>
        </fieldset>
        <SoundSettings />
        <fieldset>
          <legend>{t('settings.section.about')}</legend>
          <Field label={t('settings.customerDisplay')}>
            <span className="mono small">{info?.customerDisplayUrl ?? t('settings.none')}</span>
          </Field>
          <Field label={t('settings.version')}>
            <span className="mono">{info?.version ?? ''}</span>
          </Field>
        </fieldset>
      </div>
    </section>
  );
}
