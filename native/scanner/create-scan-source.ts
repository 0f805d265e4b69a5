// The ScanSourceFactory the composition roots (main/, cli/) use: builds the source a validated
// config names. node-hid is loaded only inside HidScanSource.start(), so choosing serial or wedge
// never touches libusb.
import { ScanSourceConfigSchema, type ScanSourceConfig, type ScanSourceFactory } from '../../app/scanner/source-config.ts';
import type { ScanSource } from '../../app/scanner/scan-source.ts';
import { WedgeScanSource } from '../../app/scanner/wedge-source.ts';
import { HidScanSource } from './hid-scan-source.ts';
import { SerialScanSource } from './serial-scan-source.ts';

export const createScanSource: ScanSourceFactory = async (input: ScanSourceConfig): Promise<ScanSource> => {
  const config = ScanSourceConfigSchema.parse(input);
  switch (config.kind) {
    case 'hid': {
      const { kind: _kind, ...hid } = config;
      return new HidScanSource(hid);
    }
    case 'serial': {
      const { kind: _kind, ...serial } = config;
      return new SerialScanSource(serial);
    }
    case 'wedge':
      return new WedgeScanSource({ config: { idleMs: config.idleMs } });
  }
};
