// Training mode cannot be missed: a striped band across the top of every screen, in both
// languages whatever the screen's language, so nobody takes a practice payment for real takings.
import { useStore } from 'zustand';
import { translate } from '../i18n/catalogue.ts';
import { useT } from '../i18n/useT.ts';
import { tillStore } from '../till/tillStore.ts';

export function TrainingBanner() {
  const t = useT();
  const training = useStore(tillStore, (s) => s.info?.training ?? false);
  if (!training) return null;
  return (
    <div className="training-banner" role="alert" data-testid="training-banner">
      <strong>{translate('zh-CN', 'training.banner')}</strong>
      <span>{t('training.bannerDetail')}</span>
    </div>
  );
}
