// One line under a paid sale: its cash red packet sent, on its way, or why none was sent.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { cashbackLine } from '../../app/common/cashback.ts';
import { useT } from '../i18n/useT.ts';
import { cashbackStore, listenForCashback } from './cashbackStore.ts';

export function CashbackNote({ outTradeNo }: { outTradeNo: string }) {
  const t = useT();
  useEffect(listenForCashback, []);
  const v = useStore(cashbackStore, (s) => s[outTradeNo]);
  if (!v) return null;
  const zh = t.language === 'zh-CN';
  const line = cashbackLine(v);
  const text = line ? (zh ? line.zh : line.en) : v.reason ? (zh ? `未发放现金红包：${v.reason.messageZh}` : `No cash red packet: ${v.reason.message}`) : '';
  if (!text) return null;
  return (
    <p className={`cashback cashback--${v.state.toLowerCase()}`} data-testid="cashback" data-state={v.state}>
      {text}
    </p>
  );
}
