import { startOfAmsterdamDay, TIME_ZONE } from '../../platform/time/working-days.js';

/** Reminders go out at 08:00 Amsterdam time on the rule's reminder day (midnight mails help nobody). */
export const REMIND_HOUR = 8;

const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });
const amsterdamHour = (d: Date) => Number(hourFormat.format(d));

/** 08:00 Amsterdam time on `ymd`, also on the two days a year the clock changes (those days are 23 or 25 hours long). */
export function remindInstant(ymd: string): Date {
  const guess = new Date(startOfAmsterdamDay(ymd).getTime() + REMIND_HOUR * 3600_000);
  return new Date(guess.getTime() - (amsterdamHour(guess) - REMIND_HOUR) * 3600_000);
}

/** When to remind: the reminder day at 08:00 (right away when that is already past); never for a due date already gone. */
export function remindAtFor(dueOn: string, remindOn: string, today: string): Date | null {
  if (dueOn < today) return null;
  return remindInstant(remindOn);
}
