// The cashier on duty (issue 12): kept in the data folder, so every process and a reloaded screen
// see the same one; the shop's list is enforced; asking tills refuse payments without one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../app/config/config.ts';
import { CashierOnDuty, ON_DUTY_FILE } from '../../app/shift/CashierOnDuty.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('CashierOnDuty', () => {
  it('signs in, is seen by a second instance on the same folder (another process, a reload), and signs out', () => {
    const dir = tempDir('till-duty-');
    const a = new CashierOnDuty(dir, { ask: false, list: [] });
    expect(a.current()).toBeNull();
    expect(a.forPayment()).toBeUndefined();
    a.signIn('C007', 1000);
    const b = new CashierOnDuty(dir, undefined);
    expect(b.current()).toEqual({ id: 'C007', name: null, since: 1000 });
    expect(b.forPayment()).toBe('C007');
    b.signOut();
    expect(a.current()).toBeNull();
  });

  it('with the shop\'s list: only listed ids, their names, and a payment needs someone signed in', () => {
    const dir = tempDir('till-duty-');
    const d = new CashierOnDuty(dir, { ask: true, list: [{ id: '001', name: '张三' }, { id: '002', name: null }] });
    expect(() => d.forPayment()).toThrow(expect.objectContaining({ code: 'CASHIER_REQUIRED' }));
    expect(() => d.signIn('003', 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => d.forPayment('003')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(d.forPayment('002')).toBe('002');
    expect(d.signIn('001', 5)).toEqual({ id: '001', name: '张三', since: 5 });
    expect(d.forPayment()).toBe('001');
    // The list changed and no longer names them: nobody is on duty.
    expect(new CashierOnDuty(dir, { ask: true, list: [{ id: '002', name: null }] }).current()).toBeNull();
  });

  it('a damaged file is nobody (the screen asks again), never a guessed cashier', () => {
    const dir = tempDir('till-duty-');
    writeFileSync(join(dir, ON_DUTY_FILE), '{"id": "bad id", "since": 1}');
    expect(new CashierOnDuty(dir, undefined).current()).toBeNull();
    writeFileSync(join(dir, ON_DUTY_FILE), 'not json');
    expect(new CashierOnDuty(dir, undefined).current()).toBeNull();
  });
});

describe('config cashiers', () => {
  it('a list implies ask; ask alone is free entry; absent is neither', () => {
    expect(parseConfig({ cashiers: { list: [{ id: '001', name: '张三' }] } }, '/tmp').cashiers).toEqual({ ask: true, list: [{ id: '001', name: '张三' }] });
    expect(parseConfig({ cashiers: { ask: true } }, '/tmp').cashiers).toEqual({ ask: true, list: [] });
    expect(parseConfig({}, '/tmp').cashiers).toEqual({ ask: false, list: [] });
  });

  it('refuses a bad id, a repeated id, and ask: false with a list', () => {
    expect(() => parseConfig({ cashiers: { list: [{ id: 'has space' }] } }, '/tmp')).toThrow(/cashiers\.list\.0\.id/);
    expect(() => parseConfig({ cashiers: { list: [{ id: '1' }, { id: '1' }] } }, '/tmp')).toThrow(/names 1 twice/);
    expect(() => parseConfig({ cashiers: { ask: false, list: [{ id: '1' }] } }, '/tmp')).toThrow(/cashiers\.ask is false/);
  });
});
