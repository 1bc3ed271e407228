import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_KINDS, OUTCOMES, PHASES, SIGNALS, type TTrajectorySummary } from '../../../shared/trajectories.js';
import { en, nl } from '../../locales/index.js';
import { amsterdamDateOf, amsterdamToday, daysBetween, dueInWords, hoursText, shiftDate } from './labels.js';
import { tasksFor } from './MyFamilies.js';

let tNl: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  const make = async (lng: 'nl' | 'en') => {
    const i = i18next.createInstance();
    await i.init({ resources: { nl: { translation: nl }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
    return i.t;
  };
  tNl = await make('nl');
  tEn = await make('en');
});

const row = (over: Partial<TTrajectorySummary>): TTrajectorySummary => ({
  id: '00000000-0000-7000-8000-000000000001',
  reference: 'A-2026-00001',
  familyName: 'Linda v.',
  phase: 'support',
  startedAt: '2026-03-01T09:00:00.000Z',
  leadVolunteer: { id: '00000000-0000-7000-8000-000000000002', name: 'Vrijwilliger' },
  coach: null,
  locationId: null,
  lastContactOn: '2026-04-10',
  volunteerHours: 10,
  professionalHours: 1,
  weeklyHours: 6,
  openAgreements: 0,
  overdueAgreements: 0,
  nextMeetingAt: null,
  signals: [],
  ...over,
});

describe('trajectory labels', () => {
  it('every phase, contact kind, outcome and signal the API can send has words in Dutch and English', () => {
    const keys = [
      ...PHASES.flatMap((p) => [`phases.${p}`, `trajectories.phaseHints.${p}`]),
      ...CONTACT_KINDS.map((k) => `contacts.kinds.${k}`),
      ...OUTCOMES.map((o) => `trajectories.outcomes.${o}`),
      ...SIGNALS.map((s) => `trajectories.signals.${s}`),
    ];
    for (const key of keys) {
      expect(tNl(key), key).not.toBe(key);
      expect(tEn(key), key).not.toBe(key);
    }
  });

  it('hours read as words: one decimal, "1 uur" / "1 hour"', () => {
    expect(hoursText(tNl, 'nl', 90)).toBe('1,5 uur');
    expect(hoursText(tNl, 'nl', 60)).toBe('1 uur');
    expect(hoursText(tEn, 'en', 60)).toBe('1 hour');
    expect(hoursText(tEn, 'en', 515)).toBe('8.6 hours');
  });

  it('dates are Amsterdam dates, also around midnight and daylight saving', () => {
    expect(amsterdamToday(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // 00:30 summer time
    expect(amsterdamToday(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31'); // 23:59 winter time
    expect(amsterdamDateOf('2026-03-28T23:30:00Z')).toBe('2026-03-29');
    expect(shiftDate('2026-03-29', -1)).toBe('2026-03-28');
    expect(shiftDate('2026-10-25', 1)).toBe('2026-10-26');
    expect(daysBetween('2026-03-20', '2026-04-05')).toBe(16);
  });
});

describe("today's tasks", () => {
  it('late agreements first, then a meeting today, soon, and the signals in words', () => {
    const today = '2026-04-26';
    const tasks = tasksFor(tNl, 'nl', [
      row({ familyName: 'Kevin J.', lastContactOn: '2026-04-10', signals: ['no_contact_14_days', 'hours_low'] }),
      row({ familyName: 'Linda v.', overdueAgreements: 2, signals: ['agreements_overdue'], nextMeetingAt: '2026-04-26T08:00:00Z' }),
      row({ familyName: 'Sara B.', nextMeetingAt: '2026-04-28T12:30:00Z' }),
      row({ familyName: 'Piet K.', nextMeetingAt: '2026-05-20T12:30:00Z', lastContactOn: null, signals: ['no_contact_14_days'] }),
    ], today).map((x) => x.text);
    expect(tasks).toEqual([
      'Linda v.: afspraken te laat (2). Bekijk wat er nodig is.',
      'Linda v.: vandaag om 10:00 een gesprek. Bereid het voor.',
      'Sara B.: gesprek op 28 apr 2026 om 14:30. Bereid het voor.',
      'Kevin J.: al 16 dagen geen contact. Neem contact op.',
      'Piet K.: nog geen contact vastgelegd. Neem contact op.',
      'Kevin J.: minder dan 5 uur per week.',
    ]);
  });

  it('nothing to do gives no tasks', () => {
    expect(tasksFor(tNl, 'nl', [row({})], '2026-04-26')).toEqual([]);
  });
});

describe('due dates in words (dossier overview)', () => {
  it('counts Amsterdam calendar days: late, today, tomorrow, in n days', () => {
    const today = '2026-03-28'; // the day before the clocks go forward
    expect(dueInWords(tNl, '2026-03-25', today)).toBe('te laat (3 dagen)');
    expect(dueInWords(tNl, '2026-03-27', today)).toBe('te laat (1 dag)');
    expect(dueInWords(tNl, today, today)).toBe('vandaag');
    expect(dueInWords(tNl, '2026-03-29', today)).toBe('morgen');
    expect(dueInWords(tNl, '2026-03-31', today)).toBe('over 3 dagen');
    expect(dueInWords(tEn, '2026-03-31', today)).toBe('in 3 days');
    expect(dueInWords(tEn, '2026-03-25', today)).toBe('overdue (3 days)');
  });
});
