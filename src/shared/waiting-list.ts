import { z } from 'zod';
import { ZId } from './common.js';
import { ZMunicipalityCode } from './organisation.js';
import { ZAccessReason } from './users.js';

/**
 * The waiting list per location and the expected waiting time (issue 4). Shared by the routes and
 * the web screens. No server imports here.
 *
 * Expected waiting time, the model the UI explains:
 *  - freeSlots: places free now at the location (per active volunteer: max families − active families).
 *  - totalSlots: all places at the location (sum of max families of its active volunteers).
 *  - avgTrajectoryDays: average length of ended trajectories (basis 'measured', at least 5 ended),
 *    otherwise the organisation norm of 8 months ≈ 243 days (basis 'norm').
 *  - A place frees up on average every avgTrajectoryDays / totalSlots days.
 *  - Family number q in the queue (families with a volunteer already proposed do not count):
 *    q ≤ freeSlots → 0 days; otherwise ceil((q − freeSlots) × avgTrajectoryDays / totalSlots).
 *  - No places at all (totalSlots 0): unknown (null).
 */
export const NORM_TRAJECTORY_DAYS = 243;
export const MIN_ENDED_FOR_MEASURED = 5;

export const ZWaitingMethod = z.object({
  freeSlots: z.number().int(),
  totalSlots: z.number().int(),
  avgTrajectoryDays: z.number(),
  basis: z.enum(['measured', 'norm']),
  /** How many ended trajectories the average is based on (0 with basis 'norm' when there are none). */
  endedTrajectories: z.number().int(),
});
export type TWaitingMethod = z.infer<typeof ZWaitingMethod>;

/**
 * Expected waiting days for the q-th family in the queue (1-based), or null when the location has
 * no volunteer places at all. Pure: the server and the UI (for its explanation) use the same formula.
 */
export function expectedWaitDays(q: number, m: Pick<TWaitingMethod, 'freeSlots' | 'totalSlots' | 'avgTrajectoryDays'>): number | null {
  if (q <= m.freeSlots) return 0;
  if (m.totalSlots <= 0) return null;
  return Math.ceil(((q - m.freeSlots) * m.avgTrajectoryDays) / m.totalSlots);
}

export const ZWaitingListQuery = z.strictObject({
  locationId: ZId,
  /** Break-the-glass: the list of another location (problem reason_required). */
  reason: ZAccessReason.optional(),
});
export type TWaitingListQuery = z.infer<typeof ZWaitingListQuery>;

export const ZWaitingPriority = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const ZWaitingListEntry = z.object({
  applicationId: ZId,
  reference: z.string(),
  /** 1-based place in the list of this location. */
  position: z.number().int(),
  priority: ZWaitingPriority,
  status: z.enum(['waiting', 'matching']),
  municipalityCode: ZMunicipalityCode,
  acceptedAt: z.string(),
  daysWaiting: z.number().int(),
  /** A volunteer was proposed and has not answered yet. */
  matchPending: z.boolean(),
  /** null: unknown (no volunteer places at this location). */
  expectedWaitDays: z.number().int().nullable(),
});
export type TWaitingListEntry = z.infer<typeof ZWaitingListEntry>;

export const ZWaitingList = z.object({
  locationId: ZId,
  /** The date (yyyy-mm-dd, Europe/Amsterdam) the priorities and days were computed for. */
  today: z.string(),
  method: ZWaitingMethod,
  items: z.array(ZWaitingListEntry),
});
export type TWaitingList = z.infer<typeof ZWaitingList>;

/** GET /me/application (a parent): their own applications, and for a waiting one its place in the list. */
export const ZMyApplication = z.object({
  id: ZId,
  reference: z.string(),
  status: z.enum(['new', 'contacted', 'waiting', 'matching', 'matched', 'referred', 'declined', 'merged']),
  receivedAt: z.string(),
  acceptedAt: z.string().nullable(),
  waiting: z
    .object({
      position: z.number().int(),
      daysWaiting: z.number().int(),
      matchPending: z.boolean(),
      expectedWaitDays: z.number().int().nullable(),
      method: ZWaitingMethod,
    })
    .nullable(),
});
export type TMyApplication = z.infer<typeof ZMyApplication>;
export const ZMyApplications = z.object({ items: z.array(ZMyApplication) });
export type TMyApplications = z.infer<typeof ZMyApplications>;
