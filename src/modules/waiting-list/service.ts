import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import type { Executor } from '../../platform/db/index.js';
import { notFound } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { authorize } from '../../platform/policy/index.js';
import type { TMyApplications, TWaitingList, TWaitingListEntry, TWaitingMethod } from '../../shared/waiting-list.js';
import { applicationsOfParent, listMatchableApplications } from '../intake/public.js';
import { locationCapacity, todayInAmsterdam } from '../matching/public.js';
import { unknownLocationIds } from '../organisations/public.js';
import { endedTrajectoryStats } from '../trajectories/public.js';
import { buildWaitingList, waitingMethod } from './compute.js';

/**
 * The waiting list per location (issue 4): accepted families in order of priority and date, with
 * their place and an expected waiting time from real throughput (free volunteer places now, and how
 * long trajectories take). Statements: the families, the location's capacity, the ended trajectories.
 */

async function listOf(tx: Executor, orgId: string, locationId: string, today: string): Promise<{ items: TWaitingListEntry[]; method: TWaitingMethod }> {
  const families = await listMatchableApplications(tx, orgId, { locationIds: [locationId], today });
  const capacity = await locationCapacity(tx, orgId, locationId);
  const method = waitingMethod(capacity, await endedTrajectoryStats(tx, orgId));
  const items = buildWaitingList(
    families.filter((f) => f.locationId === locationId),
    method,
    new Set(capacity.pendingApplicationIds),
    today,
  );
  return { items, method };
}

export async function getWaitingList(ctx: ActorContext, q: { locationId: string; reason?: string }): Promise<TWaitingList> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    if ((await unknownLocationIds(tx, orgId, [q.locationId])).length) throw notFound();
    const auditReason = authorize(ctx.actor, 'applications.read', { locationIds: [q.locationId] }, q.reason);
    const today = todayInAmsterdam();
    const { items, method } = await listOf(tx, orgId, q.locationId, today);
    await audit(tx, ctx, { action: 'list', resourceType: 'waiting_list', resourceId: q.locationId, reason: auditReason });
    return { locationId: q.locationId, today, method, items };
  });
}

/**
 * A parent's own applications: status and reference, and for a waiting family its place and
 * expected waiting time in its location's list. Nothing about other families.
 */
export async function getMyApplications(ctx: ActorContext): Promise<TMyApplications> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    authorize(ctx.actor, 'applications.own', { subjectUserId: userId });
    const own = await applicationsOfParent(tx, orgId, userId);
    const today = todayInAmsterdam();
    const lists = new Map<string, { items: TWaitingListEntry[]; method: TWaitingMethod }>();
    const items: TMyApplications['items'] = [];
    for (const a of own) {
      let waiting: TMyApplications['items'][number]['waiting'] = null;
      if ((a.status === 'waiting' || a.status === 'matching') && a.locationId) {
        let list = lists.get(a.locationId);
        if (!list) {
          list = await listOf(tx, orgId, a.locationId, today);
          lists.set(a.locationId, list);
        }
        const entry = list.items.find((e) => e.applicationId === a.id);
        if (entry) {
          waiting = { position: entry.position, daysWaiting: entry.daysWaiting, matchPending: entry.matchPending, expectedWaitDays: entry.expectedWaitDays, method: list.method };
        }
      }
      items.push({
        id: a.id,
        reference: a.reference,
        status: a.status,
        receivedAt: a.receivedAt.toISOString(),
        acceptedAt: a.acceptedAt?.toISOString() ?? null,
        waiting,
      });
      await audit(tx, ctx, { action: 'read', resourceType: 'application', resourceId: a.id, subjectId: userId });
    }
    return { items };
  });
}
