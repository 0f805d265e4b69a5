// The settings screen: what the till has saved, the form as typed, and how saving went.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { SettingsView } from '../../app/common/ipc/views.ts';
import { bridge } from '../bridge.ts';
import { refreshTillInfo } from '../till/tillActions.ts';
import { setLanguage } from '../ui/uiStore.ts';
import { draftOf, patchOf, type KeyFile, type SettingsDraft } from './settingsDraft.ts';

export type SettingsState = {
  saved: SettingsView | null;
  draft: SettingsDraft | null;
  status: 'loading' | 'ready' | 'saving' | 'saved' | 'error';
  error: ErrorData | null;
};

export const settingsStore = createStore<SettingsState>()(() => ({ saved: null, draft: null, status: 'loading', error: null }));

export async function loadSettings(): Promise<void> {
  settingsStore.setState({ status: 'loading', error: null });
  const r = await bridge().settings.get({});
  settingsStore.setState(r.ok ? { saved: r.data, draft: draftOf(r.data), status: 'ready', error: null } : { status: 'error', error: r.error });
}

export function editSettings(change: Partial<SettingsDraft>): void {
  const d = settingsStore.getState().draft;
  if (d) settingsStore.setState({ draft: { ...d, ...change }, status: 'ready', error: null });
}

/** A PEM file chosen on the settings screen; read here, sent only on save, never shown. */
export async function importKey(which: 'privateKey' | 'alipayPublicKey', file: File): Promise<void> {
  const key: KeyFile = { name: file.name, text: await file.text() };
  editSettings({ [which]: key });
}

export async function saveSettings(): Promise<void> {
  const { saved, draft, status } = settingsStore.getState();
  if (!saved || !draft || status === 'saving') return;
  settingsStore.setState({ status: 'saving', error: null });
  const r = await bridge().settings.set(patchOf(saved, draft));
  if (!r.ok) return void settingsStore.setState({ status: 'error', error: r.error });
  settingsStore.setState({ saved: r.data, draft: draftOf(r.data), status: 'saved', error: null });
  setLanguage(r.data.language);
  await refreshTillInfo();
}
