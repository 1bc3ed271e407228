import type { TPhase, TSignal } from '../../../shared/trajectories.js';

type Translate = (key: string, opts?: Record<string, unknown>) => string;

/** Seeds 000/001: a trajectory takes about 312 hours in all; shown as context, never as a target. */
export const TYPICAL_TRAJECTORY_HOURS = 312;

export function phaseName(t: Translate, phase: TPhase): string {
  return t(`phases.${phase}`);
}

export function kindName(t: Translate, kind: string): string {
  return t(`contacts.kinds.${kind}`);
}

export function outcomeName(t: Translate, outcome: string): string {
  return t(`trajectories.outcomes.${outcome}`);
}

/** A signal in words (never a colour alone). */
export function signalText(t: Translate, signal: TSignal): string {
  return t(`trajectories.signals.${signal}`);
}

/** Minutes as hours in the user's language: "1,5 uur" / "1.5 hours"; whole hours without decimals. */
export function hoursText(t: Translate, lang: string, minutes: number): string {
  const hours = formatHours(minutes / 60, lang);
  return hours === '1' ? t('trajectories.hour') : t('trajectories.hours', { hours });
}

/** A number of hours with at most one decimal, in the user's language. */
export function formatHours(hours: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(hours);
}

/** Today in the Netherlands (yyyy-mm-dd), whatever the device's time zone. */
export function amsterdamToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** yyyy-mm-dd plus n days (calendar arithmetic in UTC, so no daylight-saving shifts). */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both yyyy-mm-dd). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The Amsterdam date of an ISO timestamp. */
export function amsterdamDateOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : amsterdamToday(d);
}

/** Time of day (hh:mm) of an ISO timestamp in the Netherlands. */
export function timeOf(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/**
 * A due date in words, counted in Amsterdam calendar days from `today`: "te laat (3 dagen)",
 * "vandaag", "morgen", "over 3 dagen" (the date itself is shown beside it).
 */
export function dueInWords(t: Translate, dueOn: string, today: string): string {
  const days = daysBetween(today, dueOn);
  if (days === -1) return t('trajectories.dossier.due.lateOne');
  if (days < 0) return t('trajectories.dossier.due.late', { days: -days });
  if (days === 0) return t('trajectories.dossier.due.today');
  if (days === 1) return t('trajectories.dossier.due.tomorrow');
  return t('trajectories.dossier.due.inDays', { days });
}
