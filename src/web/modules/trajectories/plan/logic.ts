import type { TAgreement, THelpQuestion } from '../../../../shared/trajectories.js';
import { formatDay, formatMonth } from './format.js';

// The plan screens' pure parts (no React, no CSS), so unit tests run them directly.

type Score = THelpQuestion['scores'][number];
type Translate = (k: string, o?: Record<string, unknown>) => string;

/** The chart's text alternative as one sentence: "Van 2 naar 4 sinds maart 2026 (3 metingen)". */
export function chartSummary(t: Translate, scores: Score[], lang: string): string {
  if (scores.length === 0) return t('plan.chart.none');
  const first = scores[0]!;
  const last = scores[scores.length - 1]!;
  const label = t(`plan.score.${last.score}`);
  if (scores.length === 1) return t('plan.chart.one', { score: last.score, label, date: formatDay(last.recordedOn, lang) });
  return t('plan.chart.many', { from: first.score, to: last.score, since: formatMonth(first.recordedOn, lang), count: scores.length, label });
}

/**
 * Overdue first (oldest due date first), then open ones by due date with undated ones last; closed
 * ones after that in the order the server gave (latest change first).
 */
export function sortAgreements(list: TAgreement[]): TAgreement[] {
  const rank = (a: TAgreement) => (a.overdue ? 0 : a.status === 'open' ? 1 : 2);
  return [...list].sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? 0 : (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999')));
}

