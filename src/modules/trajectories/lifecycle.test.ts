import { describe, expect, it } from 'vitest';
import { PHASES, PHASE_TRANSITIONS } from '../../shared/trajectories.js';
import { addMonths, allowedPhases, canTransition, daysBetween, isoWeekOf, mondayOf, outcomeRequired, signalsOf, weeklyHoursOf, type SignalInput } from './lifecycle.js';

describe('state machine', () => {
  it('follows PHASE_TRANSITIONS; only professionals move into aftercare or ended', () => {
    expect(canTransition('intake_done', 'clarifying', { mayClose: false })).toBe(true);
    expect(canTransition('intake_done', 'support', { mayClose: true })).toBe(false);
    expect(canTransition('support', 'clarifying', { mayClose: false })).toBe(true);
    expect(canTransition('closing', 'aftercare', { mayClose: false })).toBe(false);
    expect(canTransition('closing', 'aftercare', { mayClose: true })).toBe(true);
    expect(canTransition('aftercare', 'ended', { mayClose: false })).toBe(false);
    expect(canTransition('ended', 'support', { mayClose: true })).toBe(false);
    for (const from of PHASES) expect(canTransition(from, from, { mayClose: true })).toBe(false);
  });

  it('allowed phases per actor', () => {
    expect(allowedPhases('closing', { mayClose: true })).toEqual(['aftercare', 'ended', 'support']);
    expect(allowedPhases('closing', { mayClose: false })).toEqual(['support']);
    expect(allowedPhases('aftercare', { mayClose: false })).toEqual([]);
    expect(allowedPhases('ended', { mayClose: true })).toEqual([]);
    for (const from of PHASES) expect(allowedPhases(from, { mayClose: true })).toEqual([...PHASE_TRANSITIONS[from]]);
  });

  it('the outcome is required only when leaving closing for aftercare or ended', () => {
    expect(outcomeRequired('closing', 'aftercare')).toBe(true);
    expect(outcomeRequired('closing', 'ended')).toBe(true);
    expect(outcomeRequired('closing', 'support')).toBe(false);
    expect(outcomeRequired('aftercare', 'ended')).toBe(false);
  });
});

describe('dates', () => {
  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-05-10', -8)).toBe('2025-09-10');
  });

  it('ISO weeks: Monday start, the ISO year of the Thursday', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01'); // Thursday
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53'); // Friday of week 53
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-12-06')).toBe('2026-W49');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
  });

  it('weekly hours over 4 weeks', () => {
    expect(weeklyHoursOf(0)).toBe(0);
    expect(weeklyHoursOf(4 * 7 * 60)).toBe(7);
    expect(weeklyHoursOf(100)).toBe(0.4);
  });
});

describe('signals', () => {
  const today = '2026-06-30';
  const base: SignalInput = {
    phase: 'support',
    startedAt: new Date('2026-03-01T10:00:00Z'),
    lastContactOn: '2026-06-29',
    weeklyHours: 7,
    aftercareUntil: null,
    overdueAgreements: 0,
    today,
  };

  it('a healthy trajectory has none', () => {
    expect(signalsOf(base)).toEqual([]);
  });

  it('no contact for 14 days, or none at all since a start 14 days ago; not in aftercare', () => {
    expect(signalsOf({ ...base, lastContactOn: '2026-06-17' })).toEqual([]);
    expect(signalsOf({ ...base, lastContactOn: '2026-06-16' })).toEqual(['no_contact_14_days']);
    expect(signalsOf({ ...base, phase: 'intake_done', lastContactOn: null, startedAt: new Date('2026-06-16T10:00:00Z') })).toEqual(['no_contact_14_days']);
    expect(signalsOf({ ...base, phase: 'intake_done', lastContactOn: null, startedAt: new Date('2026-06-20T10:00:00Z') })).toEqual([]);
    expect(signalsOf({ ...base, phase: 'aftercare', lastContactOn: '2026-01-01', aftercareUntil: '2027-01-01' })).toEqual([]);
  });

  it('hours low only in support or building down (after the first 4 weeks); high in any active phase', () => {
    expect(signalsOf({ ...base, weeklyHours: 4.9 })).toEqual(['hours_low']);
    expect(signalsOf({ ...base, phase: 'building_down', weeklyHours: 2 })).toEqual(['hours_low']);
    expect(signalsOf({ ...base, phase: 'clarifying', weeklyHours: 2 })).toEqual([]);
    expect(signalsOf({ ...base, weeklyHours: 2, startedAt: new Date('2026-06-10T10:00:00Z') })).toEqual([]);
    expect(signalsOf({ ...base, weeklyHours: 5 })).toEqual([]);
    expect(signalsOf({ ...base, weeklyHours: 10 })).toEqual([]);
    expect(signalsOf({ ...base, weeklyHours: 10.5 })).toEqual(['hours_high']);
    expect(signalsOf({ ...base, phase: 'clarifying', weeklyHours: 12 })).toEqual(['hours_high']);
  });

  it('over the norm of 8 months (or the organisation norm), not in aftercare', () => {
    expect(signalsOf({ ...base, startedAt: new Date('2025-10-30T10:00:00Z') })).toEqual([]);
    expect(signalsOf({ ...base, startedAt: new Date('2025-10-29T10:00:00Z') })).toEqual(['over_norm']);
    expect(signalsOf({ ...base, startedAt: new Date('2026-01-29T10:00:00Z'), normMonths: 4 })).toEqual(['over_norm']);
    expect(signalsOf({ ...base, phase: 'aftercare', startedAt: new Date('2024-01-01T10:00:00Z'), aftercareUntil: '2027-01-01' })).toEqual([]);
  });

  it('aftercare ending within 30 days', () => {
    expect(signalsOf({ ...base, phase: 'aftercare', aftercareUntil: '2026-07-31' })).toEqual([]);
    expect(signalsOf({ ...base, phase: 'aftercare', aftercareUntil: '2026-07-30' })).toEqual(['aftercare_ending']);
    expect(signalsOf({ ...base, phase: 'aftercare', aftercareUntil: '2026-06-01' })).toEqual(['aftercare_ending']);
  });

  it('overdue agreements; an ended trajectory has no signals', () => {
    expect(signalsOf({ ...base, overdueAgreements: 2 })).toEqual(['agreements_overdue']);
    expect(signalsOf({ ...base, phase: 'ended', overdueAgreements: 2, lastContactOn: null, weeklyHours: 50 })).toEqual([]);
  });

  it('several at once, in a fixed order', () => {
    expect(signalsOf({ ...base, lastContactOn: null, weeklyHours: 0, startedAt: new Date('2025-01-01T10:00:00Z'), overdueAgreements: 1 })).toEqual([
      'no_contact_14_days',
      'hours_low',
      'over_norm',
      'agreements_overdue',
    ]);
  });
});
