// How the till is told which scanner to use: one validated shape per kind of ScanSource, shared by
// the settings, `pos scan-listen` and the composition roots (main/, cli/) that build the source.
import { z } from 'zod';
import { DEFAULT_WEDGE_CONFIG } from '../common/wedge/config.ts';
import type { ScanSource } from './scan-source.ts';

const usbId = z.number().int().min(0).max(0xffff);

export const HidScanConfigSchema = z.object({
  kind: z.literal('hid'),
  /** Chooses the device; with none of these, the first HID POS scanner (usage page 0x8C) is used. */
  vendorId: usbId.optional(),
  productId: usbId.optional(),
  usagePage: usbId.optional(),
  usage: usbId.optional(),
  path: z.string().min(1).optional(),
  /** How reports are read: HID POS, boot keyboard, or chosen from the device's usage. */
  mode: z.enum(['auto', 'pos', 'keyboard']).default('auto'),
  layout: z.enum(['auto', 'access-is', 'newland']).default('auto'),
  /** How often the device list is checked while the scanner is missing (unplug → re-plug). */
  pollMs: z.number().int().min(50).max(60_000).default(1000),
  /** Keyboard mode without a suffix: silence that ends a code. */
  idleMs: z.number().int().min(5).max(5000).default(50),
});

export const SerialScanConfigSchema = z.object({
  kind: z.literal('serial'),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  suffix: z.enum(['auto', 'cr', 'lf', 'crlf', 'tab', 'none']).default('auto'),
  /** Silence that ends a code when no suffix arrives (a serial line never pauses mid-code). */
  idleMs: z.number().int().min(5).max(5000).default(100),
  /** How often a vanished port is retried. */
  reconnectMs: z.number().int().min(50).max(60_000).default(500),
});

export const WedgeScanConfigSchema = z.object({
  kind: z.literal('wedge'),
  idleMs: z.number().positive().default(DEFAULT_WEDGE_CONFIG.idleMs),
});

export const ScanSourceConfigSchema = z.discriminatedUnion('kind', [HidScanConfigSchema, SerialScanConfigSchema, WedgeScanConfigSchema]);

export type HidScanConfig = z.infer<typeof HidScanConfigSchema>;
export type SerialScanConfig = z.infer<typeof SerialScanConfigSchema>;
export type WedgeScanConfig = z.infer<typeof WedgeScanConfigSchema>;
export type ScanSourceConfig = z.infer<typeof ScanSourceConfigSchema>;

/** Builds the source a config names; hardware adapters are loaded only for the kind chosen. */
export type ScanSourceFactory = (config: ScanSourceConfig) => Promise<ScanSource>;
