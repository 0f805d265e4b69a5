// The till refused this page (a used launch address, a session from before a restart): instead of
// the sale screens, which would take the failed calls for a payment whose outcome is unknown, say
// what happened and how to get a working address (try.md item 7).
import { presentedCredential } from '../bridge.ts';
import { useT } from '../i18n/useT.ts';

export function LinkRefused() {
  const t = useT();
  const launch = presentedCredential() === 'launch';
  return (
    <section className="link-refused" data-screen="link-refused" role="alert">
      <h1 className="link-refused__title">{t(launch ? 'link.refused.title' : 'link.refused.titleSession')}</h1>
      <p>{t(launch ? 'link.refused.why' : 'link.refused.whySession')}</p>
      <p>{t('link.refused.how')}</p>
      <p className="hint">{t('link.refused.noPayment')}</p>
    </section>
  );
}
