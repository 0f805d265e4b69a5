// What the screen knows about the till itself: its info (training or live, shop), whether the
// bridge to the core is up, and the scanner's state when main reports one.
import { createStore } from 'zustand/vanilla';
import type { ScannerStatusView, TillInfoView } from '../../app/common/ipc/views.ts';

export type Connection = 'connecting' | 'open' | 'lost' | 'refused';

export type TillState = { info: TillInfoView | null; connection: Connection; scanner: ScannerStatusView | null };

export const tillStore = createStore<TillState>()(() => ({ info: null, connection: 'connecting', scanner: null }));
