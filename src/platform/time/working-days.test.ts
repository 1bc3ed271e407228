import { describe, expect, it } from 'vitest';
import { addWorkingDays, amsterdamDate, endOfAmsterdamDay, isWorkingDay, startOfAmsterdamDay, workingDayDeadline } from './working-days.js';

describe('Dutch working days', () => {
  it('weekends and public holidays are no working days; Good Friday and Liberation Day are', () => {
    expect(isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(isWorkingDay('2025-03-08')).toBe(false); // Saturday
    expect(isWorkingDay('2025-03-09')).toBe(false); // Sunday
    expect(isWorkingDay('2025-04-21')).toBe(false); // Easter Monday
    expect(isWorkingDay('2025-05-29')).toBe(false); // Ascension
    expect(isWorkingDay('2025-06-09')).toBe(false); // Whit Monday
    expect(isWorkingDay('2025-12-25')).toBe(false); // Christmas
    expect(isWorkingDay('2025-12-26')).toBe(false); // Boxing Day
    expect(isWorkingDay('2026-01-01')).toBe(false); // New Year
    expect(isWorkingDay('2025-04-18')).toBe(true); // Good Friday: not a public holiday
    expect(isWorkingDay('2025-05-05')).toBe(true); // Liberation Day: not a public holiday every year
  });

  it("King's Day: the 27th, or Saturday the 26th when the 27th is a Sunday (2025)", () => {
    expect(isWorkingDay('2025-04-28')).toBe(true); // the Monday after is an ordinary day
    expect(isWorkingDay('2025-04-25')).toBe(true); // the Friday before too
    expect(isWorkingDay('2025-04-26')).toBe(false); // Saturday: King's Day and weekend anyway
    expect(isWorkingDay('2026-04-27')).toBe(false); // Monday 27 April 2026
    // A Thursday application in 2026: Friday 24th (1), Monday 27th is King's Day, Tuesday 28th (2).
    expect(addWorkingDays('2026-04-23', 2)).toBe('2026-04-28');
  });

  it('counts past Easter Monday, Ascension and Whit Monday', () => {
    expect(addWorkingDays('2025-04-17', 2)).toBe('2025-04-22'); // Thu → Fri 18 (1), Mon 21 Easter, Tue 22 (2)
    expect(addWorkingDays('2025-05-28', 2)).toBe('2025-06-02'); // Wed → Thu 29 Ascension, Fri 30 (1), Mon 2 June (2)
    expect(addWorkingDays('2025-06-06', 1)).toBe('2025-06-10'); // Fri → Mon 9 Whit Monday, Tue 10 (1)
  });

  it('crosses the year boundary past Christmas and New Year', () => {
    expect(addWorkingDays('2025-12-24', 2)).toBe('2025-12-30');
    expect(addWorkingDays('2025-12-24', 4)).toBe('2026-01-02');
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-02');
  });

  it('the receipt day itself never counts, whatever the time', () => {
    expect(addWorkingDays('2025-03-10', 2)).toBe('2025-03-12'); // Monday → Wednesday
    expect(() => addWorkingDays('2025-03-10', 0)).toThrow(RangeError);
  });

  it('works in Europe/Amsterdam: a Friday evening application is due at the end of Tuesday', () => {
    const fridayEvening = new Date('2025-03-07T19:00:00Z'); // 20:00 in Amsterdam
    expect(workingDayDeadline(fridayEvening, 2).toISOString()).toBe('2025-03-11T22:59:59.999Z');
    // 00:30 on Saturday in Amsterdam is still Friday in UTC: Amsterdam decides.
    expect(amsterdamDate(new Date('2025-03-07T23:30:00Z'))).toBe('2025-03-08');
    expect(workingDayDeadline(new Date('2025-03-07T23:30:00Z'), 2).toISOString()).toBe('2025-03-11T22:59:59.999Z');
    // Summer time (UTC+2), and across the switch to summer time (30 March 2025).
    expect(workingDayDeadline(new Date('2025-06-27T18:00:00Z'), 2).toISOString()).toBe('2025-07-01T21:59:59.999Z');
    expect(workingDayDeadline(new Date('2025-03-28T18:00:00Z'), 2).toISOString()).toBe('2025-04-01T21:59:59.999Z');
    expect(startOfAmsterdamDay('2025-10-26').toISOString()).toBe('2025-10-25T22:00:00.000Z'); // the day summer time ends
    expect(endOfAmsterdamDay('2025-10-26').toISOString()).toBe('2025-10-26T22:59:59.999Z');
  });
});
