import { describe, expect, it } from 'vitest';
import * as shared from '../../shared/intake.js';
import * as tables from './tables.js';

describe('shared intake contracts', () => {
  it('mirror the value lists of the data model', () => {
    expect(shared.MEASURES).toEqual(tables.MEASURES);
    expect(shared.REFERRER_TYPES).toEqual(tables.REFERRER_TYPES);
    expect(shared.APPLICATION_CHANNELS).toEqual(tables.APPLICATION_CHANNELS);
    expect(shared.APPLICATION_STATUSES).toEqual(tables.APPLICATION_STATUSES);
  });

  it('priorityOf: urgent within 42 days (today included), soon within 92, otherwise normal', () => {
    const today = '2025-03-01';
    expect(shared.priorityOf(null, today)).toBe(3);
    expect(shared.priorityOf('2025-03-01', today)).toBe(1);
    expect(shared.priorityOf('2025-04-12', today)).toBe(1); // +42
    expect(shared.priorityOf('2025-04-13', today)).toBe(2); // +43
    expect(shared.priorityOf('2025-06-01', today)).toBe(2); // +92
    expect(shared.priorityOf('2025-06-02', today)).toBe(3);
    expect(shared.priorityOf('2025-02-28', today)).toBe(3); // passed
  });

  it('postcode, phone and birth year', () => {
    for (const ok of ['1234 AB', '1234ab', '5701 XK']) expect(shared.ZPostcode.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['0123 AB', '1234 A', '12345', 'AB 1234', '1234  AB']) expect(shared.ZPostcode.safeParse(bad).success, bad).toBe(false);
    for (const ok of ['0612345678', '+31 6 1234 5678', '(040) 123-4567']) expect(shared.ZPhone.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['12', 'bel me', '+31 6 1234 5678 9999 9999']) expect(shared.ZPhone.safeParse(bad).success, bad).toBe(false);
    expect(shared.ZBirthYear.safeParse(new Date().getFullYear()).success).toBe(true);
    expect(shared.ZBirthYear.safeParse(new Date().getFullYear() + 1).success).toBe(false);
    expect(shared.ZBirthYear.safeParse(1989).success).toBe(false);
  });

  it('a child with a BSN is refused (strict object)', () => {
    expect(shared.ZApplicationChild.safeParse({ firstName: 'Noor', birthYear: 2015, measure: 'ots', bsn: '123456782' }).success).toBe(false);
  });
});
