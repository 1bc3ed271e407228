import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import {
  CLOSING_PHASES,
  NO_CONTACT_DAYS,
  NORM_TRAJECTORY_MONTHS,
  PHASE_TRANSITIONS,
  WEEKLY_HOURS_RANGE,
  type TPhase,
  type TSignal,
} from '../../shared/trajectories.js';

/**
 * The trajectory's state machine and dashboard signals, pure (no database, no clock): the routes
 * and the aftercare job decide with these, the unit tests pin them down.
 */

/** Phases in which the family is actively supported (intake done … closing). */
export const ACTIVE_PHASES: readonly TPhase[] = ['intake_done', 'clarifying', 'support', 'building_down', 'closing'];
/** Days before the end of aftercare that the dashboard starts warning. */
export const AFTERCARE_ENDING_DAYS = 30;
/** The window for weekly hours (4 weeks). */
export const WEEKLY_HOURS_WINDOW_DAYS = 28;

export interface TransitionRights {
  /** Holds trajectories.close: may move into aftercare or ended (professionals only). */
  mayClose: boolean;
}

export function canTransition(from: TPhase, to: TPhase, rights: TransitionRights): boolean {
  if (!PHASE_TRANSITIONS[from].includes(to)) return false;
  return rights.mayClose || !CLOSING_PHASES.includes(to);
}

/** The phases this user may move a trajectory to now, in the state machine's order. */
export function allowedPhases(from: TPhase, rights: TransitionRights): TPhase[] {
  return PHASE_TRANSITIONS[from].filter((to) => canTransition(from, to, rights));
}

/** Leaving closing into aftercare or ended records the outcome (it decides the success rate). */
export function outcomeRequired(from: TPhase, to: TPhase): boolean {
  return from === 'closing' && CLOSING_PHASES.includes(to);
}

/**
 * yyyy-mm-dd plus whole months; a day that does not exist in the target month becomes its last day
 * (31 January + 1 month = 28/29 February).
 */
export function addMonths(ymd: string, months: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from a to b (both yyyy-mm-dd); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

/** The Monday (yyyy-mm-dd) of the ISO week holding ymd. */
export function mondayOf(ymd: string): string {
  const dow = new Date(`${ymd}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(ymd, -((dow + 6) % 7));
}

/** ISO week label, e.g. "2026-W05" (the ISO year: the one of that week's Thursday). */
export function isoWeekOf(ymd: string): string {
  const thursday = addDays(mondayOf(ymd), 3);
  const year = +thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Hours per week from the minutes of the last 4 weeks, to one decimal. */
export function weeklyHoursOf(minutesLast28Days: number): number {
  return Math.round((minutesLast28Days / 60 / 4) * 10) / 10;
}

export interface SignalInput {
  phase: TPhase;
  startedAt: Date;
  /** yyyy-mm-dd; null when no contact was logged yet. */
  lastContactOn: string | null;
  /** Hours per week over the last 4 weeks. */
  weeklyHours: number;
  aftercareUntil: string | null;
  overdueAgreements: number;
  /** yyyy-mm-dd, Europe/Amsterdam. */
  today: string;
  /** The organisation's norm length in months (organisation setting trajectoryNormMonths; default 8). */
  normMonths?: number;
}

/**
 * Whether the organisation's norm length can change the over_norm signal of this trajectory: only
 * for an active one whose age lies between the shortest and the longest norm an organisation may
 * set. Younger is never over, older always is — so the norm need not be read for those.
 */
export function normDecides(phase: TPhase, startedAt: Date, today: string, bounds: { min: number; max: number }): boolean {
  if (!ACTIVE_PHASES.includes(phase)) return false;
  const startedOn = amsterdamDate(startedAt);
  return addMonths(startedOn, bounds.min) < today && !(addMonths(startedOn, bounds.max) < today);
}

/**
 * The dashboard signals (issue 5, Lifecycle), as codes in a fixed order:
 *  - no_contact_14_days: an active phase and no contact for 14 days (or none at all since a start 14+ days ago);
 *  - hours_low: in support or building down, below 5 hours a week over the last 4 weeks — only once the
 *    trajectory is 4 weeks old, so a fresh start is not flagged for the weeks before it began;
 *  - hours_high: an active phase and above 10 hours a week;
 *  - over_norm: started longer ago than the organisation's norm (default 8 months) and not yet in aftercare or ended;
 *  - aftercare_ending: in aftercare and its end is at most 30 days away (or passed, before the job ends it);
 *  - agreements_overdue: open agreements past their date, while the trajectory is not ended.
 * An ended trajectory has no signals.
 */
export function signalsOf(s: SignalInput): TSignal[] {
  if (s.phase === 'ended') return [];
  const out: TSignal[] = [];
  const active = ACTIVE_PHASES.includes(s.phase);
  const startedOn = amsterdamDate(s.startedAt);
  if (active && daysBetween(s.lastContactOn ?? startedOn, s.today) >= NO_CONTACT_DAYS) out.push('no_contact_14_days');
  if ((s.phase === 'support' || s.phase === 'building_down') && s.weeklyHours < WEEKLY_HOURS_RANGE.low && daysBetween(startedOn, s.today) >= WEEKLY_HOURS_WINDOW_DAYS) {
    out.push('hours_low');
  }
  if (active && s.weeklyHours > WEEKLY_HOURS_RANGE.high) out.push('hours_high');
  if (active && addMonths(startedOn, s.normMonths ?? NORM_TRAJECTORY_MONTHS) < s.today) out.push('over_norm');
  if (s.phase === 'aftercare' && s.aftercareUntil && daysBetween(s.today, s.aftercareUntil) <= AFTERCARE_ENDING_DAYS) out.push('aftercare_ending');
  if (s.overdueAgreements > 0) out.push('agreements_overdue');
  return out;
}
