// The hardware scan sources for a composition root (Electron main or `pos serve`). Each native
// module is imported only when its mode is chosen: node-hid needs libusb at load time, and a till
// on a keyboard-wedge scanner must start where that library is missing.
import type { ScanSourceMakers } from '../../app/scanner/ScannerLink.ts';

export const nativeScanSources: ScanSourceMakers = {
  async hid(path) {
    const { HidScanSource } = await import('./hid-scan-source.ts');
    return new HidScanSource(path ? { path } : {});
  },
  async serial(path) {
    const { SerialScanSource } = await import('./serial-scan-source.ts');
    return new SerialScanSource({ path });
  },
};
