import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordActorAudit } from '../../platform/audit/actor.js';
import { recordAudit } from '../../platform/audit/index.js';
import { execRows, type Database, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import type { ScheduledJob } from '../../platform/jobs/index.js';
import { clearSignInDirectory } from '../../platform/privacy/account.js';
import type { TRetentionOverview } from '../../shared/privacy.js';
import { getServiceNorms } from '../organisations/public.js';
import { eraseFamily, scopeOfTrajectory } from './scope.js';
import { legalHolds } from './tables.js';

/**
 * Retention (issue 6): a family's dossier is erased `retentionMonths` (organisation setting, default
 * 24) after its last trajectory ended (aftercare over), unless a legal hold is active. The daily job
 * claims each dossier in the transaction that erases it (`erased_at is null … for update`), so a
 * second run or a second process finds nothing left to do.
 */

/** Families whose every trajectory ended, none erased yet, with the latest end; `dueBefore` filters on end + months. */
function dueFamilies(orgId: string, months: number, until: Date) {
  return sql`select t.application_id::text as application_id, (array_agg(t.id::text order by t.ended_at desc nulls last, t.id desc))[1] as trajectory_id,
                    max(t.ended_at) as ended_at,
                    exists (select 1 from legal_holds h where h.org_id = t.org_id and h.trajectory_id = any(array_agg(t.id)) and h.lifted_at is null) as held
               from trajectories t
              where t.org_id = ${orgId}
              group by t.org_id, t.application_id
             having bool_and(t.phase = 'ended' and t.ended_at is not null) and bool_and(t.erased_at is null)
                and max(t.ended_at) + make_interval(months => ${months}::int) <= ${until.toISOString()}::timestamptz
              order by max(t.ended_at), t.application_id`;
}

type Due = { application_id: string; trajectory_id: string; ended_at: Date | string; held: boolean };

export async function eraseExpiredDossiers(db: Database, now: Date): Promise<{ erased: number; held: number }> {
  const orgs = await db.withSystem((tx) => execRows<{ org_id: string }>(tx, sql`select distinct org_id::text from trajectories where phase = 'ended' and erased_at is null`));
  let erased = 0;
  let held = 0;
  for (const { org_id: orgId } of orgs) {
    const months = (await db.withTenant(orgId, (tx) => getServiceNorms(tx, orgId)))?.retentionMonths ?? 24;
    const due = await db.withTenant(orgId, (tx) => execRows<Due>(tx, dueFamilies(orgId, months, now)));
    for (const family of due) {
      if (family.held) {
        held++;
        continue;
      }
      const done = await db.withTenant(orgId, async (tx) => {
        // Claim: lock the family's trajectories and check again that nothing is erased and the period is over.
        const [still] = await execRows<{ ok: boolean }>(
          tx,
          sql`select bool_and(phase = 'ended' and erased_at is null) and max(ended_at) + make_interval(months => ${months}::int) <= ${now.toISOString()}::timestamptz as ok
                from (select phase, erased_at, ended_at from trajectories where org_id = ${orgId} and application_id = ${family.application_id} for update) x`,
        );
        if (!still?.ok) return null;
        const scope = await scopeOfTrajectory(tx, orgId, family.trajectory_id);
        if (!scope) return null;
        const result = await eraseFamily(tx, orgId, scope, 'retention');
        if (!result) return null;
        await recordAudit(tx, { orgId, actorRole: 'system', subjectId: scope.parentUserId, action: 'delete', resourceType: 'dossier', resourceId: family.trajectory_id, reason: 'retention period over' });
        return scope.parentUserId ?? '';
      });
      if (done === null) continue;
      if (done) await clearSignInDirectory(db, orgId, done);
      erased++;
    }
  }
  return { erased, held };
}

/** The privacy module's scheduled work (listed in src/jobs.ts). */
export const privacyJobs: ScheduledJob[] = [{ name: 'privacy-retention', cron: '45 3 * * *', run: ({ db, now }) => eraseExpiredDossiers(db, now) }];

// ---- legal holds (admin)

async function trajectoryRef(tx: Executor, orgId: string, trajectoryId: string): Promise<{ parentUserId: string | null }> {
  const [row] = await execRows<{ parent_user_id: string | null }>(
    tx,
    sql`select a.parent_user_id::text from trajectories t join applications a on a.org_id = t.org_id and a.id = t.application_id where t.org_id = ${orgId} and t.id = ${trajectoryId}`,
  );
  if (!row) throw notFound();
  return { parentUserId: row.parent_user_id };
}

const holdColumns = sql`h.id::text, h.trajectory_id::text as "trajectoryId", a.reference, h.reason, h.set_at as "setAt", h.lifted_at as "liftedAt", h.lift_reason as "liftReason"`;
type HoldRow = { id: string; trajectoryId: string; reference: string; reason: string; setAt: Date | string; liftedAt: Date | string | null; liftReason: string | null };
const toHold = (h: HoldRow) => ({ ...h, setAt: new Date(h.setAt).toISOString(), liftedAt: h.liftedAt ? new Date(h.liftedAt).toISOString() : null });

async function holdsOf(tx: Executor, orgId: string, where: ReturnType<typeof sql>) {
  const rows = await execRows<HoldRow>(
    tx,
    sql`select ${holdColumns} from legal_holds h join trajectories t on t.org_id = h.org_id and t.id = h.trajectory_id
          join applications a on a.org_id = t.org_id and a.id = t.application_id where h.org_id = ${orgId} and ${where}
         order by (h.lifted_at is null) desc, h.set_at desc limit 200`,
  );
  return rows.map(toHold);
}

export async function listHolds(ctx: ActorContext, trajectoryId: string) {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    await trajectoryRef(tx, orgId, trajectoryId);
    return { items: await holdsOf(tx, orgId, sql`h.trajectory_id = ${trajectoryId}`) };
  });
}

export async function setHold(ctx: ActorContext, trajectoryId: string, reason: string) {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const { parentUserId } = await trajectoryRef(tx, orgId, trajectoryId);
    const [erased] = await execRows<{ erased: boolean }>(tx, sql`select erased_at is not null as erased from trajectories where org_id = ${orgId} and id = ${trajectoryId}`);
    if (erased?.erased) throw new AppError('privacy_dossier_erased', 409);
    const id = uuidv7();
    await tx.insert(legalHolds).values({ orgId, id, trajectoryId, reason, setBy: userId });
    await recordActorAudit(tx, ctx, { subjectId: parentUserId, action: 'create', resourceType: 'legal_hold', resourceId: id });
    return (await holdsOf(tx, orgId, sql`h.id = ${id}`))[0]!;
  });
}

export async function liftHold(ctx: ActorContext, trajectoryId: string, holdId: string, reason: string) {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const { parentUserId } = await trajectoryRef(tx, orgId, trajectoryId);
    const done = await tx
      .update(legalHolds)
      .set({ liftedAt: new Date(), liftedBy: userId, liftReason: reason })
      .where(and(eq(legalHolds.orgId, orgId), eq(legalHolds.id, holdId), eq(legalHolds.trajectoryId, trajectoryId), isNull(legalHolds.liftedAt)))
      .returning({ id: legalHolds.id });
    if (!done.length) {
      const [exists] = await tx.select({ id: legalHolds.id }).from(legalHolds).where(and(eq(legalHolds.orgId, orgId), eq(legalHolds.id, holdId), eq(legalHolds.trajectoryId, trajectoryId)));
      throw exists ? new AppError('legal_hold_lifted', 409) : notFound();
    }
    await recordActorAudit(tx, ctx, { subjectId: parentUserId, action: 'update', resourceType: 'legal_hold', resourceId: holdId });
    return (await holdsOf(tx, orgId, sql`h.id = ${holdId}`))[0]!;
  });
}

/** The retention page: the period, dossiers due within 90 days (or overdue under a hold), active holds, destruction records. */
export async function retentionOverview(ctx: ActorContext): Promise<TRetentionOverview> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const months = (await getServiceNorms(tx, orgId))?.retentionMonths ?? 24;
    const soon = new Date(Date.now() + 90 * 86_400_000);
    const due = await execRows<Due & { reference: string }>(
      tx,
      sql`select d.*, a.reference from (${dueFamilies(orgId, months, soon)}) d join applications a on a.org_id = ${orgId} and a.id = d.application_id::uuid limit 200`,
    );
    const destructions = await execRows<{ id: string; trajectoryId: string; rule: 'retention' | 'erasure_request'; destroyedAt: Date | string; counts: unknown }>(
      tx,
      sql`select id::text, trajectory_id::text as "trajectoryId", rule, destroyed_at as "destroyedAt", counts from destruction_records where org_id = ${orgId} order by destroyed_at desc limit 100`,
    );
    const addMonths = (d: Date) => {
      const x = new Date(d);
      x.setUTCMonth(x.getUTCMonth() + months);
      return x.toISOString().slice(0, 10);
    };
    await recordActorAudit(tx, ctx, { action: 'list', resourceType: 'retention' });
    return {
      retentionMonths: months,
      dueSoon: due.map((d) => ({ trajectoryId: d.trajectory_id, reference: d.reference, endedAt: new Date(d.ended_at).toISOString(), dueOn: addMonths(new Date(d.ended_at)), held: !!d.held })),
      holds: await holdsOf(tx, orgId, sql`h.lifted_at is null`),
      destructions: destructions.map((d) => ({
        ...d,
        destroyedAt: new Date(d.destroyedAt).toISOString(),
        counts: (typeof d.counts === 'string' ? JSON.parse(d.counts) : d.counts) as Record<string, number>,
      })),
    };
  });
}
