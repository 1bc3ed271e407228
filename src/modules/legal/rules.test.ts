import { describe, expect, it } from 'vitest';
import { DEADLINE_RULES, atwEnd, computeDeadlines, isAtwHoliday, plusDays, plusMonths, ruleByCode, triggerOfDecision } from '../../shared/legal.js';

const due = (trigger: Parameters<typeof computeDeadlines>[0], date: string, given?: string) =>
  Object.fromEntries(computeDeadlines(trigger, date, given).map((d) => [d.ruleCode, d.dueOn]));

describe('the deadline rules table', () => {
  it('has unique codes, both languages, and a wetten.overheid.nl link for every legal source', () => {
    const codes = DEADLINE_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of DEADLINE_RULES) {
      expect(r.title.nl && r.title.en && r.explanation.nl && r.explanation.en).toBeTruthy();
      if (r.source) expect(r.source.url).toMatch(/^https:\/\/wetten\.overheid\.nl\/BWBR\d{7}\/$/);
      expect(r.remindDaysBefore).toBeGreaterThan(0);
    }
    expect(ruleByCode('appeal_decision')?.source?.article).toBe('art. 358 lid 1');
    expect(ruleByCode('annul_written_instruction')?.source?.article).toBe('art. 1:263a');
    expect(ruleByCode('objection_municipal_decision')?.source?.law).toBe('Algemene wet bestuursrecht');
    expect(ruleByCode('nope')).toBeUndefined();
  });
});

describe('calendar arithmetic', () => {
  it('adds months and keeps the month end (31 Jan + 1 month = end of February)', () => {
    expect(plusMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(plusMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(plusMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(plusMonths('2026-05-31', -1)).toBe('2026-04-30');
    expect(plusMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('is not moved by daylight-saving changes (Amsterdam: 29 March and 25 October 2026)', () => {
    expect(plusDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(plusDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(plusDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(plusDays('2026-03-15', 14)).toBe('2026-03-29');
    expect(plusDays('2026-04-05', -14)).toBe('2026-03-22');
  });

  it('knows the holidays of the Algemene termijnenwet and moves a term ending on them to the next day', () => {
    expect(isAtwHoliday('2026-04-06')).toBe(true); // Easter Monday 2026
    expect(isAtwHoliday('2026-05-14')).toBe(true); // Ascension Day 2026
    expect(isAtwHoliday('2026-05-25')).toBe(true); // Whit Monday 2026
    expect(isAtwHoliday('2026-05-05')).toBe(true);
    expect(isAtwHoliday('2026-04-27')).toBe(true);
    // 27 April 2025 was a Sunday, so King's Day was Saturday the 26th
    expect(isAtwHoliday('2025-04-26')).toBe(true);
    expect(isAtwHoliday('2025-04-28')).toBe(false);
    expect(isAtwHoliday('2026-04-03')).toBe(false); // Good Friday is not one
    expect(atwEnd('2026-12-25')).toBe('2026-12-28'); // Fri Christmas, Sat Boxing Day, Sunday → Monday
    expect(atwEnd('2026-03-04')).toBe('2026-03-04');
  });
});

describe('computeDeadlines', () => {
  it('appeal: 3 months after the decision, to the next working day when that is a weekend', () => {
    expect(due('court_decision', '2026-03-04')).toEqual({ appeal_decision: '2026-06-04' });
    // 30 Nov 2026 + 3 months = 28 Feb 2027, a Sunday → Monday 1 March
    expect(due('court_decision', '2026-11-30')).toEqual({ appeal_decision: '2027-03-01' });
  });

  it('written instruction: request to annul within 2 weeks', () => {
    expect(due('written_instruction', '2026-03-02')).toEqual({ annul_written_instruction: '2026-03-16' });
    // 21 April + 2 weeks = 5 May (a general holiday under the Atw) → 6 May
    expect(due('written_instruction', '2026-04-21')).toEqual({ annul_written_instruction: '2026-05-06' });
  });

  it('hearing: on the hearing day; letter: 2 weeks unless the letter names a date; municipal decision: 6 weeks', () => {
    expect(due('hearing_scheduled', '2026-06-10')).toEqual({ hearing: '2026-06-10' });
    expect(due('letter_received', '2026-06-10')).toEqual({ letter_response: '2026-06-24' });
    expect(due('letter_received', '2026-06-10', '2026-06-17')).toEqual({ letter_response: '2026-06-17' });
    expect(due('municipal_decision', '2026-06-10')).toEqual({ objection_municipal_decision: '2026-07-22' });
    // a given date is only for rules that allow it
    expect(due('court_decision', '2026-03-04', '2026-03-10')).toEqual({ appeal_decision: '2026-06-04' });
  });

  it('end of a measure: the end itself and the extension request expected 6 weeks before it', () => {
    expect(due('measure_end', '2026-12-31')).toEqual({ measure_end: '2026-12-31', extension_request_expected: '2026-11-19' });
  });

  it('reminds a rule-specific number of days before the due date', () => {
    const [appeal] = computeDeadlines('court_decision', '2026-03-04');
    expect(appeal).toEqual({ ruleCode: 'appeal_decision', dueOn: '2026-06-04', remindOn: '2026-05-14' });
  });

  it('maps decision kinds to triggers', () => {
    expect(triggerOfDecision('letter_received', true)).toBe('municipal_decision');
    expect(triggerOfDecision('letter_received', false)).toBe('letter_received');
    expect(triggerOfDecision('plan_received', false)).toBeNull();
    expect(triggerOfDecision('other', true)).toBeNull();
  });
});

describe('the reminder moment', () => {
  it('is 08:00 Amsterdam time, also on the days the clock changes', async () => {
    const { remindInstant, remindAtFor } = await import('./remind-time.js');
    expect(remindInstant('2026-01-15').toISOString()).toBe('2026-01-15T07:00:00.000Z'); // winter: UTC+1
    expect(remindInstant('2026-07-15').toISOString()).toBe('2026-07-15T06:00:00.000Z'); // summer: UTC+2
    expect(remindInstant('2026-03-29').toISOString()).toBe('2026-03-29T06:00:00.000Z'); // clocks forward at 02:00
    expect(remindInstant('2026-10-25').toISOString()).toBe('2026-10-25T07:00:00.000Z'); // clocks back at 03:00
    expect(remindAtFor('2026-03-01', '2026-02-20', '2026-03-02')).toBeNull(); // due date already gone
    expect(remindAtFor('2026-03-10', '2026-03-01', '2026-03-05')?.toISOString()).toBe('2026-03-01T07:00:00.000Z'); // past: sent by the next run
  });
});
