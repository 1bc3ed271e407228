import { amsterdamDate } from '../../platform/time/working-days.js';
import { expectedWaitDays, MIN_ENDED_FOR_MEASURED, NORM_TRAJECTORY_DAYS, type TWaitingListEntry, type TWaitingMethod } from '../../shared/waiting-list.js';
import { priorityOf } from '../../shared/intake.js';

/**
 * The waiting list of one location and each family's expected waiting time (pure: no database).
 * The model is in src/shared/waiting-list.ts (the UI explains the same formula).
 */

export interface WaitingFamily {
  id: string;
  reference: string;
  status: 'waiting' | 'matching';
  municipalityCode: string;
  hearingDate: string | null;
  acceptedAt: Date;
}

const DAY_MS = 86_400_000;
const dayNumber = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / DAY_MS);
};

/** The parameters of the model: measured average when at least 5 trajectories ended, otherwise the norm (8 months). */
export function waitingMethod(capacity: { freeSlots: number; totalSlots: number }, ended: { ended: number; avgDays: number | null }): TWaitingMethod {
  const measured = ended.ended >= MIN_ENDED_FOR_MEASURED && ended.avgDays !== null && ended.avgDays > 0;
  return {
    freeSlots: Math.max(0, capacity.freeSlots),
    totalSlots: Math.max(0, capacity.totalSlots),
    avgTrajectoryDays: measured ? Math.round(ended.avgDays! * 10) / 10 : NORM_TRAJECTORY_DAYS,
    basis: measured ? 'measured' : 'norm',
    endedTrajectories: ended.ended,
  };
}

/**
 * Orders the families (priority, then accepted, then id), numbers them, and gives each its expected
 * wait. A family with a pending match already holds a place (counted in the volunteer's caseload):
 * it waits 0 days and does not count in the queue of the families after it.
 */
export function buildWaitingList(families: readonly WaitingFamily[], method: TWaitingMethod, pending: ReadonlySet<string>, today: string): TWaitingListEntry[] {
  const rows = families.map((f) => ({ f, priority: priorityOf(f.hearingDate, today) }));
  rows.sort((a, b) => a.priority - b.priority || a.f.acceptedAt.getTime() - b.f.acceptedAt.getTime() || (a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0));
  let queue = 0;
  const todayNr = dayNumber(today);
  return rows.map(({ f, priority }, i) => {
    const matchPending = pending.has(f.id);
    if (!matchPending) queue++;
    return {
      applicationId: f.id,
      reference: f.reference,
      position: i + 1,
      priority,
      status: f.status,
      municipalityCode: f.municipalityCode,
      acceptedAt: f.acceptedAt.toISOString(),
      daysWaiting: Math.max(0, todayNr - dayNumber(amsterdamDate(f.acceptedAt))),
      matchPending,
      expectedWaitDays: matchPending ? 0 : expectedWaitDays(queue, method),
    };
  });
}
