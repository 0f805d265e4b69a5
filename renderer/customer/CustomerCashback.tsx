// "已获得现金红包 ¥2.00" under the paid amount, in both languages, once the packet is sent (or
// that it is on its way); nothing when the sale earned none.
import { useStore } from 'zustand';
import { cashbackLine } from '../../app/common/cashback.ts';
import { customerCashbackStore } from './cashbackDisplay.ts';

export function CustomerCashback() {
  const v = useStore(customerCashbackStore);
  const line = v ? cashbackLine(v) : undefined;
  if (!v || !line) return null;
  return (
    <div className={`customer__cashback customer__cashback--${v.state.toLowerCase()}`} data-testid="customer-cashback" data-state={v.state}>
      <div lang="zh-CN">{line.zh}</div>
      <div lang="en" className="en">{line.en}</div>
    </div>
  );
}
