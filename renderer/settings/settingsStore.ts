// The settings screen: what the till has saved, the form as typed, and how saving went.
import { createStore } from 'zustand/vanilla';
import type { ErrorData } from '../../app/common/errors.ts';
import type { SettingsView } from '../../app/common/ipc/views.ts';
import { bridge } from '../bridge.ts';
import { refreshTillInfo } from '../till/tillActions.ts';
import { setLanguage } from '../ui/uiStore.ts';
import { draftOf, patchOf, type KeyFile, type SettingsDraft } from './settingsDraft.ts';

/** The fingerprints of the merchant's keys now and after the change (docs/security.md item 3). */
export type CredentialsView = {
  mode: 'live' | 'training'; appId: string | null; privateKey: string | null; alipayPublicKey: string | null;
  wechatIds?: string | null; wechatPrivateKey?: string | null; wechatPayPublicKey?: string | null;
};
export type ConfirmPrompt = { changed: string[]; before: CredentialsView; after: CredentialsView; pinSet: boolean };

export type SettingsState = {
  saved: SettingsView | null;
  draft: SettingsDraft | null;
  status: 'loading' | 'ready' | 'saving' | 'saved' | 'error';
  error: ErrorData | null;
  /** Set when the till asks for the manager PIN before changing the merchant's credentials or mode. */
  confirm: ConfirmPrompt | null;
  /** The PIN as typed into the prompt; sent with the next save only, never kept after it. */
  pin: string;
};

export const settingsStore = createStore<SettingsState>()(() => ({ saved: null, draft: null, status: 'loading', error: null, confirm: null, pin: '' }));

export function typePin(pin: string): void {
  settingsStore.setState({ pin: pin.replace(/\D/g, '').slice(0, 12) });
}

export function cancelConfirm(): void {
  settingsStore.setState({ confirm: null, pin: '', error: null, status: 'ready' });
}

function confirmPromptOf(error: ErrorData): ConfirmPrompt | null {
  if (error.code !== 'CONFIRMATION_REQUIRED') return null;
  const d = error.details as { credentials?: Omit<ConfirmPrompt, 'pinSet'>; pinSet?: boolean } | undefined;
  return d?.credentials ? { ...d.credentials, pinSet: d.pinSet !== false } : null;
}

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
export async function importKey(which: 'privateKey' | 'alipayPublicKey' | 'wechatPrivateKey' | 'wechatPayPublicKey', file: File): Promise<void> {
  const key: KeyFile = { name: file.name, text: await file.text() };
  editSettings({ [which]: key });
}

export async function saveSettings(): Promise<void> {
  const { saved, draft, status, confirm, pin } = settingsStore.getState();
  if (!saved || !draft || status === 'saving') return;
  settingsStore.setState({ status: 'saving', error: null, pin: '' });
  const patch = patchOf(saved, draft);
  const r = await bridge().settings.set(confirm && pin !== '' ? { ...patch, managerPin: pin } : patch);
  if (!r.ok) return void settingsStore.setState({ status: 'error', error: r.error, confirm: confirmPromptOf(r.error) ?? (r.error.code === 'CONFIRMATION_REQUIRED' ? confirm : null) });
  settingsStore.setState({ saved: r.data, draft: draftOf(r.data), status: 'saved', error: null, confirm: null });
  setLanguage(r.data.language);
  await refreshTillInfo();
}
