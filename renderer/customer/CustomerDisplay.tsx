// The screen facing the customer: the amount, one status in Chinese and English, and "paid".
import { useStore } from 'zustand';
import type { Provider } from '../../app/common/codes.ts';
import { formatYuan } from '../../app/common/money.ts';
import { Icon } from '../app/Icon.tsx';
import { translate, type MessageKey } from '../i18n/catalogue.ts';
import { CustomerCashback } from './CustomerCashback.tsx';
import { CustomerQr } from './CustomerQr.tsx';
import type { DisplayStatus } from './display.ts';
import { displayStore } from './displayStore.ts';
import { shopLogoStore } from './shopLogo.ts';

const WORDS: Record<DisplayStatus, MessageKey> = {
  idle: 'customer.welcome',
  amount: 'customer.amount',
  scan: 'customer.scan',
  paying: 'customer.paying',
  waiting: 'customer.waiting',
  paid: 'customer.paid',
  failed: 'customer.failed',
  unknown: 'customer.unknown',
  refunded: 'customer.refunded',
  qr: 'customer.qrHint',
};

/** The shop's mark: its logo (shop.logoPath, from the core), else its name's first character in a circle. */
function ShopMark({ name }: { name: string }) {
  const logo = useStore(shopLogoStore);
  return (
    <header className="customer__shop" data-testid="customer-shop">
      {logo
        ? <img className="customer__logo customer__logo--image" src={logo} alt="" data-testid="customer-logo" />
        : <span className="customer__logo" aria-hidden="true" data-testid="customer-initial">{[...name][0]}</span>}
      <span className="customer__shop-name">{name}</span>
    </header>
  );
}

/** Who takes the money, by name and colour (renderer/styles/providers.css): the customer checks it against the phone. */
function ProviderName({ provider }: { provider: Provider }) {
  return (
    <div className={`customer__provider provider provider--${provider}`} data-testid="customer-provider" data-provider={provider}>
      <span lang="zh-CN">{translate('zh-CN', `provider.${provider}`)}</span> <span lang="en" className="en">{translate('en', `provider.${provider}`)}</span>
    </div>
  );
}

function Both({ k, className }: { k: MessageKey; className: string }) {
  return (
    <div className={className}>
      <div lang="zh-CN">{translate('zh-CN', k)}</div>
      <div lang="en" className="en">{translate('en', k)}</div>
    </div>
  );
}

export function CustomerDisplay() {
  const d = useStore(displayStore);
  return (
    <main className={`customer customer--${d.status}`} data-status={d.status}>
      {d.training && <Both k="customer.training" className="customer__training" />}
      {d.shopName && <ShopMark name={d.shopName} />}
      {d.amountFen !== null && d.status !== 'idle' && (
        <div className="customer__amount" data-testid="customer-amount">{formatYuan(d.amountFen)}</div>
      )}
      {d.status === 'qr' && d.qr && <CustomerQr qr={d.qr} />}
      {d.provider && d.status !== 'qr' && d.status !== 'idle' && <ProviderName provider={d.provider} />}
      <div className="customer__status" data-testid="customer-status">
        {d.status === 'paid' && <Icon name="check" className="customer__icon" />}
        {(d.status === 'paying' || d.status === 'waiting' || d.status === 'unknown') && <span className="spinner" aria-hidden="true" />}
        <Both k={WORDS[d.status]} className="customer__words" />
      </div>
      {d.status === 'paid' && d.paid && (
        // What the customer's phone says he paid, when a coupon or promotion took some off (TRY item 3).
        <div className="customer__reason" data-testid="customer-paid">
          <div lang="zh-CN">{translate('zh-CN', 'customer.paidLess', { paid: formatYuan(d.paid.paidFen), discount: formatYuan(d.paid.discountFen) })}</div>
          <div lang="en" className="en">{translate('en', 'customer.paidLess', { paid: formatYuan(d.paid.paidFen), discount: formatYuan(d.paid.discountFen) })}</div>
        </div>
      )}
      {d.reason && (d.status === 'failed' || d.status === 'refunded') && (
        <div data-testid="customer-reason" data-reason={d.reason}>
          <Both k={`customer.reason.${d.reason}`} className="customer__reason" />
        </div>
      )}
      {d.status === 'paid' && <CustomerCashback />}
    </main>
  );
}
