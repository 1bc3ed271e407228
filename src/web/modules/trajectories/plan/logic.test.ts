import { describe, expect, it } from 'vitest';
import type { TAgreement } from '../../../../shared/trajectories.js';
import { en, nl } from '../../../locales/index.js';
import { amsterdamDateTime, formatWhen, todayAmsterdam } from './format.js';
import { chartSummary, sortAgreements } from './logic.js';

type Tree = { [k: string]: string | Tree };
/** A tiny t() over the real locale files ({{x}} interpolation), enough for the sentences here. */
const translator = (tree: Tree) => (key: string, opts: Record<string, unknown> = {}) => {
  let node: string | Tree = tree;
  for (const part of key.split('.')) node = (node as Tree)[part]!;
  return String(node).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(opts[k]));
};

const score = (n: number, recordedOn: string) => ({ id: `s${recordedOn}`, score: n, recordedOn, note: null });

describe('self-reliance chart text alternative', () => {
  it('says there is nothing yet, one measurement, or from where to where since when', () => {
    const t = translator(nl as Tree);
    expect(chartSummary(t, [], 'nl')).toBe('Nog geen metingen van de zelfredzaamheid.');
    expect(chartSummary(t, [score(2, '2026-03-10')], 'nl')).toBe('Op 10 maart 2026: 2 van 5 (lukt met veel hulp).');
    expect(chartSummary(t, [score(2, '2026-03-10'), score(3, '2026-06-01'), score(4, '2026-11-20')], 'nl')).toBe(
      'Van 2 naar 4 sinds maart 2026 (3 metingen). Nu: lukt bijna zelf.',
    );
    expect(chartSummary(translator(en as Tree), [score(3, '2026-01-05'), score(1, '2026-02-05')], 'en')).toBe(
      'From 3 to 1 since January 2026 (2 measurements). Now: cannot do it yet.',
    );
  });
});

describe('Amsterdam dates and times', () => {
  it('gives a typed wall-clock time the offset of that day (winter +01:00, summer +02:00)', () => {
    expect(amsterdamDateTime('2026-12-13', '14:30')).toBe('2026-12-13T14:30:00+01:00');
    expect(amsterdamDateTime('2026-07-01', '09:05')).toBe('2026-07-01T09:05:00+02:00');
    expect(amsterdamDateTime('2026-03-29', '12:00')).toBe('2026-03-29T12:00:00+02:00');
    expect(amsterdamDateTime('2026-10-25', '12:00')).toBe('2026-10-25T12:00:00+01:00');
    expect(amsterdamDateTime('2026-12-13', '')).toBeUndefined();
    expect(amsterdamDateTime('13-12-2026', '14:30')).toBeUndefined();
  });

  it('shows a moment in Amsterdam time in words, and today as Amsterdam sees it', () => {
    expect(formatWhen('2026-12-13T13:30:00Z', 'nl')).toBe('zondag 13 december 2026 om 14:30');
    // (ICU versions differ on the comma after the weekday.)
    expect(formatWhen('2026-07-01T07:05:00Z', 'en')).toMatch(/^Wednesday,? 1 July 2026 at 09:05$/);
    // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    expect(todayAmsterdam(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});

describe('agreement order', () => {
  const a = (id: string, status: TAgreement['status'], dueOn: string | null, overdue = false): TAgreement => ({
    id,
    party: 'professional',
    partyName: 'X',
    description: id,
    dueOn,
    meetingId: null,
    meetingTitle: null,
    status,
    statusNote: null,
    statusChangedAt: null,
    overdue,
  });

  it('puts overdue ones first, then open by date with undated last, then closed in the given order', () => {
    const list = [a('closed-new', 'done', '2026-01-01'), a('open-undated', 'open', null), a('open-later', 'open', '2026-12-30'), a('late', 'open', '2026-11-01', true), a('closed-old', 'not_kept', '2025-01-01'), a('open-soon', 'open', '2026-12-10')];
    expect(sortAgreements(list).map((x) => x.id)).toEqual(['late', 'open-soon', 'open-later', 'open-undated', 'closed-new', 'closed-old']);
  });
});
