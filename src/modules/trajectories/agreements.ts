import type { Executor } from '../../platform/db/index.js';
import type { TAgreement, TMeeting } from '../../shared/trajectories.js';

// Stub (issue 5): the agreements/meetings owner fills these in; the dossier and lists (service.ts) call them.

/** Agreements of one trajectory; 'open': open ones, overdue first then by due date. `today` is yyyy-mm-dd (Amsterdam). */
export async function listAgreements(_tx: Executor, _orgId: string, _trajectoryId: string, _opts: { status: 'open' | 'all'; today: string }): Promise<TAgreement[]> {
  return [];
}

/** Planned meetings from `now` on, soonest first (at most `limit`). */
export async function listUpcomingMeetings(_tx: Executor, _orgId: string, _trajectoryId: string, _now: Date, _limit = 5): Promise<TMeeting[]> {
  return [];
}

/** For lists: per trajectory, open and overdue agreement counts (one query for all ids). */
export async function agreementCounts(_tx: Executor, _orgId: string, _trajectoryIds: readonly string[], _today: string): Promise<Map<string, { open: number; overdue: number }>> {
  return new Map();
}

/** For lists: per trajectory, the next planned meeting (one query for all ids). */
export async function nextMeetings(_tx: Executor, _orgId: string, _trajectoryIds: readonly string[], _now: Date): Promise<Map<string, Date>> {
  return new Map();
}
