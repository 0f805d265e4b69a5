import { describe, expect, it } from 'vitest';
import { isPosError } from '../../app/common/errors.ts';
import { safeStorageBox, safeStorageProblem } from '../../main/secretBox.ts';
import { FakeSafeStorage } from './fakes.ts';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';

describe('safeStorageBox', () => {
  it('seals with safeStorage.encryptString and opens with decryptString', () => {
    const s = new FakeSafeStorage();
    const box = safeStorageBox(s);
    expect(box.kind).toBe('os-keychain');
    const sealed = box.seal(PEM);
    expect(s.sealedTexts).toEqual([PEM]);
    expect(sealed.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(box.open(sealed)).toBe(PEM);
  });

  it('refuses to seal or open when the OS offers no encryption, and says what to do instead', () => {
    const s = new FakeSafeStorage();
    const sealed = safeStorageBox(s).seal(PEM);
    s.available = false;
    const box = safeStorageBox(s);
    for (const attempt of [() => box.seal(PEM), () => box.open(sealed)]) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(isPosError(error)).toBe(true);
      expect((error as Error).message).toMatch(/isEncryptionAvailable\(\) is false.*alipay\.privateKeyPath/);
    }
    expect(s.sealedTexts).toEqual([PEM]);
  });

  it('refuses Linux’s basic_text fallback, whose password is public', () => {
    const s = new FakeSafeStorage();
    s.backend = 'basic_text';
    expect(safeStorageProblem(s)).toMatch(/fixed, public password/);
    expect(() => safeStorageBox(s).seal(PEM)).toThrow(/keys cannot be stored/);
    expect(s.sealedTexts).toEqual([]);
  });

  it('accepts a real keyring, and platforms that do not report a backend', () => {
    const s = new FakeSafeStorage();
    s.backend = 'kwallet6';
    expect(safeStorageProblem(s)).toBeNull();
    const windows = { isEncryptionAvailable: () => true, encryptString: (t: string) => Buffer.from(t), decryptString: (b: Buffer) => b.toString() };
    expect(safeStorageProblem(windows)).toBeNull();
  });
});
