// Which screen is up, in which language, and the one passing notice (a scan ignored, a setting
// not saved). Notices are replaced, not queued: the cashier reads the latest one.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import { DEFAULT_LANGUAGE, type Language, type MessageKey, type Params } from '../i18n/catalogue.ts';

export type Route = 'sale' | 'history' | 'settings' | 'shift' | 'reconcile';

export type Notice = ({ message: MessageKey; params?: Params } | { error: ErrorData }) & { tone: 'info' | 'error'; at: number };

export type UiState = { route: Route; language: Language; notice: Notice | null };

export const INITIAL_UI: UiState = { route: 'sale', language: DEFAULT_LANGUAGE, notice: null };

export const uiStore = createStore<UiState>()(() => INITIAL_UI);

/** A notice belongs to the screen it was said on: another screen starts without it (issue 9 item 9). */
export function goTo(route: Route): void {
  if (uiStore.getState().route === route) return;
  uiStore.setState({ route, notice: null });
}

export function setLanguage(language: Language): void {
  uiStore.setState({ language });
  document.documentElement.lang = language;
}

export function notify(message: MessageKey, params?: Params, tone: Notice['tone'] = 'info'): void {
  uiStore.setState({ notice: { message, ...(params ? { params } : {}), tone, at: Date.now() } });
}

export function notifyError(error: ErrorData): void {
  uiStore.setState({ notice: { error, tone: 'error', at: Date.now() } });
}

export function clearNotice(): void {
  uiStore.setState({ notice: null });
}
