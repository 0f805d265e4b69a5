// The customer display's side of the core's customer view (issue 9 item 15): the idle view a
// display gets on connecting, the core's reason believed as a key, the logo only as a PNG/JPEG
// data URL and kept across views that leave it out.
import { describe, expect, it } from 'vitest';
import type { CustomerPaymentView } from '../../app/common/ipc/views.ts';
import { displayOfCustomerView } from '../../renderer/customer/display.ts';
import { isLogoDataUrl, shopLogoStore, takeLogo } from '../../renderer/customer/shopLogo.ts';

const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
const failed: CustomerPaymentView = { status: 'FAILED', state: 'FAILED', amount: '5.00', amountFen: 500, provider: 'alipay', training: true, shopName: '测试便利店', reason: 'balance' };

describe('the core\'s customer view on the display', () => {
  it('shows idle with the training strip and the shop, before any sale', () => {
    expect(displayOfCustomerView({ idle: true, training: true, shopName: '测试便利店', logo: null })).toEqual({ status: 'idle', amountFen: null, training: true, shopName: '测试便利店' });
  });

  it('takes the core\'s reason (it has no error to work one out from), and keeps the shop name', () => {
    expect(displayOfCustomerView(failed)).toMatchObject({ status: 'failed', amountFen: 500, reason: 'balance', shopName: '测试便利店', provider: 'alipay' });
    expect(displayOfCustomerView({ ...failed, reason: '余额不足' as never })).toMatchObject({ reason: 'other' });
  });

  it('believes a logo only as a PNG or JPEG data URL, and keeps it when a view leaves it out', () => {
    expect(isLogoDataUrl(LOGO)).toBe(true);
    expect(isLogoDataUrl('data:image/jpeg;base64,/9j/4AAQ')).toBe(true);
    for (const bad of ['data:image/svg+xml;base64,PHN2Zz4=', 'http://127.0.0.1/logo.png', 'javascript:alert(1)', `data:image/png;base64,${'A'.repeat(400_000)}`, 'data:image/png;base64,<script>']) {
      expect(isLogoDataUrl(bad), bad.slice(0, 40)).toBe(false);
    }
    takeLogo({ idle: true, training: false, shopName: 'x', logo: LOGO });
    expect(shopLogoStore.getState()).toBe(LOGO);
    takeLogo(failed);
    expect(shopLogoStore.getState()).toBe(LOGO);
    takeLogo({ idle: true, training: false, shopName: 'x', logo: 'data:image/svg+xml;base64,PHN2Zz4=' });
    expect(shopLogoStore.getState()).toBeNull();
  });
});
