import { and, asc, eq, gt, ne, sql, type SQL } from 'drizzle-orm';
import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import { revokeAllSessionsOf } from '../../platform/auth/sessions.js';
import { userLocations, users, type Role } from '../../platform/auth/tables.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError, notFound, validation, type FieldError } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor, pageOf } from '../../platform/http/pagination.js';
import { authorize, can, type Actor } from '../../platform/policy/index.js';
import type { TUpdateUserRequest, TUserDetail, TUserStatus, TUserSummary } from '../../shared/users.js';
import { inWorkArea, unknownLocationIds } from '../organisations/public.js';
import './messages.js';


/**
 * Who appears in the directory. Admins see everyone. Coordinators see the professionals of the
 * whole organisation (staff directory: admins, coordinators, volunteers, funders), not parent
 * accounts: a parent is a client, and access to clients follows the dossier relationship
 * (location, assignment), which the dossier issue brings.
 * The directory stays organisation-wide on purpose: it is how staff find a colleague (name, work
 * address, role, locations) across locations. Opening one full record is the per-person read that
 * the relationship policy governs (getUserDetail: break-the-glass outside one's locations).
 */
function visibleTo(actor: Pick<Actor, 'role'>): SQL | undefined {
  return can(actor, 'users.read.clients') ? undefined : ne(users.role, 'parent');
}

const columns = {
  id: users.id,
  displayName: users.displayName,
  email: users.email,
  role: users.role,
  status: users.status,
  language: users.language,
  funderMunicipalityCode: users.funderMunicipalityCode,
  isDemo: users.isDemo,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  mfaEnrolled: sql<boolean>`(${users.totpEnabledAt} is not null)`,
  // Correlated subquery, so a user and their locations come back in one statement.
  locationIds: sql<string[]>`coalesce((select array_agg(ul.location_id::text order by ul.location_id) from ${userLocations} ul where ul.org_id = ${users.orgId} and ul.user_id = ${users.id}), '{}')`,
};
interface Row {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  status: string;
  language: string;
  funderMunicipalityCode: string | null;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
  mfaEnrolled: boolean;
  locationIds: string[];
}

function toSummary(r: Row): TUserSummary {
  return {
    id: r.id,
    displayName: r.displayName,
    email: r.email,
    role: r.role,
    status: r.status as TUserStatus,
    locationIds: r.locationIds ?? [],
    mfaEnrolled: !!r.mfaEnrolled,
    createdAt: r.createdAt.toISOString(),
  };
}

function toDetail(r: Row): TUserDetail {
  return {
    ...toSummary(r),
    language: r.language === 'en' ? 'en' : 'nl',
    funderMunicipalityCode: r.funderMunicipalityCode,
    isDemo: r.isDemo,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The one statement that loads a user record for reading (the benchmark's raw ceiling runs it too). */
export async function selectUser(tx: Executor, actor: Pick<Actor, 'orgId' | 'role'>, id: string): Promise<Row | undefined> {
  const [row] = await tx
    .select(columns)
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), eq(users.id, id), visibleTo(actor)));
  return row;
}

export async function listUsers(
  ctx: ActorContext,
  q: { cursor?: string; limit: number; role?: Role; status?: TUserStatus },
): Promise<{ items: TUserSummary[]; nextCursor: string | null }> {
  const { actor } = ctx;
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  return ctx.db.withTenant(actor.orgId, async (tx) => {
    const rows = await tx
      .select(columns)
      .from(users)
      .where(
        and(
          eq(users.orgId, actor.orgId),
          visibleTo(actor),
          q.role ? eq(users.role, q.role) : undefined,
          q.status ? eq(users.status, q.status) : undefined,
          after ? gt(users.id, after) : undefined,
        ),
      )
      .orderBy(asc(users.id))
      .limit(q.limit + 1);
    await audit(tx, ctx, { action: 'list', resourceType: 'user' });
    const page = pageOf(rows, q.limit, (last) => encodeCursor([last.id]));
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  });
}

/**
 * One user record: one select (with its locations) and the audit event in one transaction (the
 * benchmark's read path). A user's locations are its user_locations, so a coordinator opening a
 * colleague of another location must give a reason (break-the-glass); the event records it.
 */
export async function getUserDetail(ctx: ActorContext, id: string, reason?: string): Promise<TUserDetail> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const row = await selectUser(tx, ctx.actor, id);
    if (!row) throw notFound();
    const auditReason = authorize(ctx.actor, 'users.read', { locationIds: row.locationIds ?? [], subjectUserId: row.id }, reason);
    await audit(tx, ctx, { action: 'read', resourceType: 'user', resourceId: id, subjectId: id, reason: auditReason });
    return toDetail(row);
  });
}

/** Locks the active admins and refuses when the target is the only one left (409). */
async function assertNotLastAdmin(tx: Executor, orgId: string, targetId: string): Promise<void> {
  // FOR UPDATE: two admins demoting each other at once cannot both succeed.
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'admin'), eq(users.status, 'active')))
    .orderBy(asc(users.id))
    .for('update');
  if (!admins.some((a) => a.id !== targetId)) throw new AppError('last_admin', 409);
}

async function lockUser(tx: Executor, orgId: string, id: string) {
  const [row] = await tx
    .select({ id: users.id, role: users.role, status: users.status, funderMunicipalityCode: users.funderMunicipalityCode })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)))
    .for('update');
  return row;
}

/**
 * Checks the funder rule (a municipality iff funder, inside the work area) and the locations;
 * returns the municipality the user or invitation will keep.
 */
export async function checkRoleScope(
  tx: Executor,
  orgId: string,
  input: { role: Role; locationIds?: readonly string[]; funderMunicipalityCode?: string; currentFunderCode?: string | null },
): Promise<string | null> {
  const errors: FieldError[] = [];
  if (input.locationIds?.length && (await unknownLocationIds(tx, orgId, input.locationIds)).length) {
    errors.push({ field: 'body.locationIds', code: 'unknown_location', messageKey: 'field.unknown_location' });
  }
  let code: string | null = null;
  if (input.role === 'funder') {
    code = input.funderMunicipalityCode ?? input.currentFunderCode ?? null;
    if (!code) errors.push({ field: 'body.funderMunicipalityCode', code: 'required', messageKey: 'field.funder_municipality_required' });
    else if (input.funderMunicipalityCode && !(await inWorkArea(tx, orgId, input.funderMunicipalityCode))) {
      errors.push({ field: 'body.funderMunicipalityCode', code: 'not_in_work_area', messageKey: 'field.not_in_work_area' });
    }
  } else if (input.funderMunicipalityCode) {
    errors.push({ field: 'body.funderMunicipalityCode', code: 'funder_only', messageKey: 'field.funder_only' });
  }
  if (errors.length) throw validation(errors);
  return code;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Changes role, locations and funder municipality. Any change of what the user may do ends all
 * their sessions (session rotation at privilege change); the last active admin cannot be demoted.
 */
export async function updateUser(ctx: ActorContext, id: string, body: TUpdateUserRequest): Promise<TUserDetail> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const target = await lockUser(tx, orgId, id);
    if (!target) throw notFound();
    const role = body.role ?? target.role;
    const funderCode = await checkRoleScope(tx, orgId, {
      role,
      locationIds: body.locationIds,
      funderMunicipalityCode: body.funderMunicipalityCode,
      currentFunderCode: target.funderMunicipalityCode,
    });
    if (target.role === 'admin' && role !== 'admin' && target.status === 'active') await assertNotLastAdmin(tx, orgId, id);

    let changed = role !== target.role || funderCode !== target.funderMunicipalityCode;
    if (changed) {
      await tx.update(users).set({ role, funderMunicipalityCode: funderCode, updatedAt: new Date() }).where(and(eq(users.orgId, orgId), eq(users.id, id)));
    }
    if (body.locationIds) {
      const wanted = [...new Set(body.locationIds)];
      const current = (await tx.select({ id: userLocations.locationId }).from(userLocations).where(and(eq(userLocations.orgId, orgId), eq(userLocations.userId, id)))).map((r) => r.id);
      if (!sameSet(current, wanted)) {
        changed = true;
        await tx.delete(userLocations).where(and(eq(userLocations.orgId, orgId), eq(userLocations.userId, id)));
        if (wanted.length) await tx.insert(userLocations).values(wanted.map((locationId) => ({ orgId, userId: id, locationId })));
        await tx.update(users).set({ updatedAt: new Date() }).where(and(eq(users.orgId, orgId), eq(users.id, id)));
      }
    }
    if (changed) {
      await revokeAllSessionsOf(tx, orgId, id);
      await audit(tx, ctx, { action: 'update', resourceType: 'user', resourceId: id, subjectId: id });
    }
    const row = await selectUser(tx, ctx.actor, id);
    if (!row) throw notFound();
    return toDetail(row);
  });
}

/** Deactivation ends every session of the user at once; the last active admin cannot be deactivated. */
export async function setUserStatus(ctx: ActorContext, id: string, status: TUserStatus): Promise<TUserDetail> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const target = await lockUser(tx, orgId, id);
    if (!target) throw notFound();
    if (target.status !== status) {
      if (status === 'deactivated' && target.role === 'admin') await assertNotLastAdmin(tx, orgId, id);
      await tx.update(users).set({ status, updatedAt: new Date() }).where(and(eq(users.orgId, orgId), eq(users.id, id)));
      await audit(tx, ctx, { action: 'update', resourceType: 'user', resourceId: id, subjectId: id });
    }
    // Also when already deactivated: a session that somehow survived must not.
    if (status === 'deactivated') await revokeAllSessionsOf(tx, orgId, id);
    const row = await selectUser(tx, ctx.actor, id);
    if (!row) throw notFound();
    return toDetail(row);
  });
}
