import { describe, expect, it } from 'vitest';
import { expectedWaitDays, NORM_TRAJECTORY_DAYS } from '../../shared/waiting-list.js';
import { buildWaitingList, waitingMethod, type WaitingFamily } from './compute.js';

describe('expected waiting time', () => {
  const m = { freeSlots: 2, totalSlots: 10, avgTrajectoryDays: 240 };

  it('is 0 days while there are free places for everyone up to this family', () => {
    expect(expectedWaitDays(1, m)).toBe(0);
    expect(expectedWaitDays(2, m)).toBe(0);
  });

  it('after that, a place frees up every avgTrajectoryDays / totalSlots days', () => {
    // 10 places, 240 days each: one every 24 days.
    expect(expectedWaitDays(3, m)).toBe(24);
    expect(expectedWaitDays(4, m)).toBe(48);
    expect(expectedWaitDays(12, m)).toBe(240);
    // Rounded up to whole days.
    expect(expectedWaitDays(3, { freeSlots: 0, totalSlots: 7, avgTrajectoryDays: 243 })).toBe(Math.ceil((3 * 243) / 7));
  });

  it('is unknown (null) when the location has no volunteer places at all', () => {
    expect(expectedWaitDays(1, { freeSlots: 0, totalSlots: 0, avgTrajectoryDays: 243 })).toBeNull();
  });

  it('uses the measured average from 5 ended trajectories on, the 8-month norm before', () => {
    expect(waitingMethod({ freeSlots: 1, totalSlots: 3 }, { ended: 4, avgDays: 100 })).toEqual({ freeSlots: 1, totalSlots: 3, avgTrajectoryDays: NORM_TRAJECTORY_DAYS, basis: 'norm', endedTrajectories: 4 });
    expect(waitingMethod({ freeSlots: 1, totalSlots: 3 }, { ended: 5, avgDays: 180.04 })).toEqual({ freeSlots: 1, totalSlots: 3, avgTrajectoryDays: 180, basis: 'measured', endedTrajectories: 5 });
    expect(waitingMethod({ freeSlots: 0, totalSlots: 0 }, { ended: 0, avgDays: null }).basis).toBe('norm');
  });
});

describe('waiting list order and positions', () => {
  const today = '2026-03-01';
  const fam = (id: string, acceptedAt: string, hearingDate: string | null = null): WaitingFamily => ({
    id,
    reference: `R-${id}`,
    status: 'waiting',
    municipalityCode: 'GM0794',
    hearingDate,
    acceptedAt: new Date(acceptedAt),
  });
  const method = waitingMethod({ freeSlots: 1, totalSlots: 4 }, { ended: 0, avgDays: null });

  it('orders by priority (a hearing soon first), then by date accepted; counts days waiting', () => {
    const list = buildWaitingList(
      [fam('a', '2026-01-01T10:00:00Z'), fam('b', '2026-02-01T10:00:00Z', '2026-03-20'), fam('c', '2025-12-01T10:00:00Z'), fam('d', '2026-02-10T10:00:00Z', '2026-05-01')],
      method,
      new Set(),
      today,
    );
    expect(list.map((e) => [e.applicationId, e.position, e.priority])).toEqual([
      ['b', 1, 1],
      ['d', 2, 2],
      ['c', 3, 3],
      ['a', 4, 3],
    ]);
    expect(list[2]!.daysWaiting).toBe(90);
    // 1 free place; then one every 243 / 4 days.
    expect(list.map((e) => e.expectedWaitDays)).toEqual([0, Math.ceil(243 / 4), Math.ceil((2 * 243) / 4), Math.ceil((3 * 243) / 4)]);
  });

  it('a family with a pending match holds its place already: 0 days, and not counted for those after it', () => {
    const list = buildWaitingList([fam('a', '2026-01-01T10:00:00Z'), fam('b', '2026-01-02T10:00:00Z')], method, new Set(['a']), today);
    expect(list.map((e) => [e.position, e.matchPending, e.expectedWaitDays])).toEqual([
      [1, true, 0],
      [2, false, 0],
    ]);
  });
});
