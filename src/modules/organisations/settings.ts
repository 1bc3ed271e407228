import { and, asc, eq, gt, isNull, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import { invitations, userLocations, users } from '../../platform/auth/tables.js';
import { rowsOf, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { AppError, notFound, validation } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor, pageOf } from '../../platform/http/pagination.js';
import {
  AFTERCARE_MONTHS_SETTING,
  RETENTION_MONTHS_SETTING,
  FIRST_CONTACT_WORKING_DAYS,
  MAX_FAMILIES_PER_VOLUNTEER,
  TRAJECTORY_NORM_MONTHS,
  ZAftercareMonths,
  ZRetentionMonths,
  ZFirstContactWorkingDays,
  ZMaxFamiliesPerVolunteer,
  ZTrajectoryNormMonths,
  type TLocation,
  type TMunicipality,
  type TOrganisationSettings,
  type TUpdateOrganisationRequest,
  type TWorkAreaEntry,
} from '../../shared/organisation.js';
import { locations, municipalities, organisations, workArea } from './tables.js';
import './messages.js';

type Funding = TWorkAreaEntry['funding'];

const unknownLocation = (field: string) => validation([{ field, code: 'unknown_location', messageKey: 'field.unknown_location' }]);

/** Location ids of the list that do not belong to the organisation (RLS hides other tenants' rows). */
export async function unknownLocationIds(tx: Executor, orgId: string, ids: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const rows = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.orgId, orgId), sql`${locations.id} = any(${sql.param(wanted)}::uuid[])`));
  const found = new Set(rows.map((r) => r.id));
  return wanted.filter((id) => !found.has(id));
}

/** True when the municipality is part of the organisation's work area. */
export async function inWorkArea(tx: Executor, orgId: string, code: string): Promise<boolean> {
  const [row] = await tx
    .select({ code: workArea.municipalityCode })
    .from(workArea)
    .where(and(eq(workArea.orgId, orgId), eq(workArea.municipalityCode, code)));
  return !!row;
}

/** How a municipality's applications are routed: its location, funding route and purchase agreement; null outside the work area. */
export async function routeMunicipality(
  tx: Executor,
  orgId: string,
  code: string,
): Promise<{ locationId: string; funding: Funding; purchaseAgreement: boolean } | null> {
  const [row] = await tx
    .select({ locationId: workArea.locationId, funding: workArea.funding, purchaseAgreement: workArea.purchaseAgreement })
    .from(workArea)
    .where(and(eq(workArea.orgId, orgId), eq(workArea.municipalityCode, code)));
  return row ? { locationId: row.locationId, funding: row.funding as Funding, purchaseAgreement: row.purchaseAgreement } : null;
}

export interface ServiceNorms {
  /** First contact within this many Dutch working days. */
  firstContactWorkingDays: number;
  /** A volunteer's caseload limit. */
  maxFamiliesPerVolunteer: number;
  /** A trajectory older than this many months is flagged (over_norm). */
  trajectoryNormMonths: number;
  /** Months of aftercare after closing. */
  aftercareMonths: number;
  /** Months a dossier is kept after aftercare ended, then erased (issue 6). */
  retentionMonths: number;
}

/** Reads the norms from organisations.settings; a missing or out-of-range value falls back to its default. */
function normsOf(settings: Record<string, unknown> | undefined): ServiceNorms {
  const days = ZFirstContactWorkingDays.safeParse(settings?.firstContactWorkingDays);
  const max = ZMaxFamiliesPerVolunteer.safeParse(settings?.maxFamiliesPerVolunteer);
  const norm = ZTrajectoryNormMonths.safeParse(settings?.trajectoryNormMonths);
  const aftercare = ZAftercareMonths.safeParse(settings?.aftercareMonths);
  const retention = ZRetentionMonths.safeParse(settings?.retentionMonths);
  return {
    firstContactWorkingDays: days.success ? days.data : FIRST_CONTACT_WORKING_DAYS.default,
    maxFamiliesPerVolunteer: max.success ? max.data : MAX_FAMILIES_PER_VOLUNTEER.default,
    trajectoryNormMonths: norm.success ? norm.data : TRAJECTORY_NORM_MONTHS.default,
    aftercareMonths: aftercare.success ? aftercare.data : AFTERCARE_MONTHS_SETTING.default,
    retentionMonths: retention.success ? retention.data : RETENTION_MONTHS_SETTING.default,
  };
}

/** The organisation's service norms (first-contact deadline, caseload limit, trajectory norm, aftercare); undefined for an unknown organisation. */
export async function getServiceNorms(tx: Executor, orgId: string): Promise<ServiceNorms | undefined> {
  const [org] = await tx.select({ settings: organisations.settings }).from(organisations).where(eq(organisations.orgId, orgId));
  return org ? normsOf(org.settings) : undefined;
}

/**
 * getServiceNorms as a column of another module's select, so a read that needs the norms (the trajectory
 * dossier) stays one statement: `orgId` is that statement's org_id column. null for an unknown organisation.
 */
export function serviceNormsColumn(orgId: SQLWrapper): SQL<ServiceNorms | null> {
  return sql`(select o.settings from organisations o where o.org_id = ${orgId})`.mapWith((v) =>
    normsOf((typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | undefined),
  ) as SQL<ServiceNorms | null>;
}

// Settings are no personal data: reads are not audited, changes are.

export async function getSettings(ctx: ActorContext): Promise<TOrganisationSettings> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const [org] = await tx.select({ name: organisations.name, settings: organisations.settings }).from(organisations).where(eq(organisations.orgId, orgId));
    if (!org) throw notFound();
    const locs = await tx
      .select({ id: locations.id, name: locations.name })
      .from(locations)
      .where(eq(locations.orgId, orgId))
      .orderBy(asc(locations.name), asc(locations.id));
    const area = await tx
      .select({
        municipalityCode: workArea.municipalityCode,
        municipalityName: municipalities.name,
        locationId: workArea.locationId,
        funding: workArea.funding,
        purchaseAgreement: workArea.purchaseAgreement,
      })
      .from(workArea)
      .innerJoin(municipalities, eq(municipalities.code, workArea.municipalityCode))
      .where(eq(workArea.orgId, orgId))
      .orderBy(asc(municipalities.name), asc(workArea.municipalityCode));
    return { name: org.name, locations: locs, workArea: area.map((a) => ({ ...a, funding: a.funding as Funding })), ...normsOf(org.settings) };
  });
}

/** Name and service norms; only the fields sent change (norms are merged into organisations.settings). */
export async function updateOrganisation(ctx: ActorContext, body: TUpdateOrganisationRequest): Promise<TOrganisationSettings> {
  const { orgId } = ctx.actor;
  await ctx.db.withTenant(orgId, async (tx) => {
    const norms: Record<string, number> = {};
    if (body.firstContactWorkingDays !== undefined) norms.firstContactWorkingDays = body.firstContactWorkingDays;
    if (body.maxFamiliesPerVolunteer !== undefined) norms.maxFamiliesPerVolunteer = body.maxFamiliesPerVolunteer;
    if (body.trajectoryNormMonths !== undefined) norms.trajectoryNormMonths = body.trajectoryNormMonths;
    if (body.aftercareMonths !== undefined) norms.aftercareMonths = body.aftercareMonths;
    if (body.retentionMonths !== undefined) norms.retentionMonths = body.retentionMonths;
    const done = await tx
      .update(organisations)
      .set({
        ...(body.name !== undefined ? { name: body.name } : {}),
        settings: sql`${organisations.settings} || ${JSON.stringify(norms)}::jsonb`,
        updatedAt: new Date(),
      })
      .where(eq(organisations.orgId, orgId))
      .returning({ orgId: organisations.orgId });
    if (!done.length) throw notFound();
    await audit(tx, ctx, { action: 'update', resourceType: 'organisation', resourceId: orgId });
  });
  return getSettings(ctx);
}

async function assertLocationNameFree(tx: Executor, orgId: string, name: string, exceptId?: string) {
  const [clash] = await tx
    .select({ id: locations.id })
    .from(locations)
    .where(and(eq(locations.orgId, orgId), sql`lower(${locations.name}) = lower(${name})`, exceptId ? sql`${locations.id} <> ${exceptId}` : undefined));
  if (clash) throw new AppError('location_name_taken', 409);
}

export async function createLocation(ctx: ActorContext, name: string): Promise<TLocation> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    await assertLocationNameFree(tx, orgId, name);
    const id = uuidv7();
    await tx.insert(locations).values({ orgId, id, name });
    await audit(tx, ctx, { action: 'create', resourceType: 'location', resourceId: id });
    return { id, name };
  });
}

export async function renameLocation(ctx: ActorContext, id: string, name: string): Promise<TLocation> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const [existing] = await tx.select({ id: locations.id }).from(locations).where(and(eq(locations.orgId, orgId), eq(locations.id, id)));
    if (!existing) throw notFound();
    await assertLocationNameFree(tx, orgId, name, id);
    await tx.update(locations).set({ name }).where(and(eq(locations.orgId, orgId), eq(locations.id, id)));
    await audit(tx, ctx, { action: 'update', resourceType: 'location', resourceId: id });
    return { id, name };
  });
}

/** Refused (409) while a municipality, a user or a pending invitation still points at the location. */
export async function deleteLocation(ctx: ActorContext, id: string): Promise<void> {
  const { orgId } = ctx.actor;
  await ctx.db.withTenant(orgId, async (tx) => {
    // Lock the row so a concurrent link to it waits for this decision.
    const [existing] = await tx
      .select({ id: locations.id })
      .from(locations)
      .where(and(eq(locations.orgId, orgId), eq(locations.id, id)))
      .for('update');
    if (!existing) throw notFound();
    const [use] = rowsOf<{ in_use: boolean }>(
      await tx.execute(sql`
      select exists (select 1 from ${workArea} where org_id = ${orgId} and location_id = ${id})
          or exists (select 1 from ${userLocations} where org_id = ${orgId} and location_id = ${id})
          or exists (select 1 from ${invitations} where org_id = ${orgId} and ${id}::uuid = any(location_ids)
                       and accepted_at is null and revoked_at is null) as in_use`),
    );
    if (use?.in_use) throw new AppError('location_in_use', 409);
    await tx.delete(locations).where(and(eq(locations.orgId, orgId), eq(locations.id, id)));
    await audit(tx, ctx, { action: 'delete', resourceType: 'location', resourceId: id });
  });
}

/** Adds the municipality to the work area or changes its location and funding. Unknown municipality → 404. */
export async function putWorkArea(ctx: ActorContext, code: string, input: { locationId: string; funding: Funding; purchaseAgreement: boolean }): Promise<TWorkAreaEntry> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const [municipality] = await tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, code));
    if (!municipality) throw notFound();
    if ((await unknownLocationIds(tx, orgId, [input.locationId])).length) throw unknownLocation('body.locationId');
    const [row] = await tx
      .insert(workArea)
      .values({ orgId, municipalityCode: code, locationId: input.locationId, funding: input.funding, purchaseAgreement: input.purchaseAgreement })
      .onConflictDoUpdate({
        target: [workArea.orgId, workArea.municipalityCode],
        set: { locationId: input.locationId, funding: input.funding, purchaseAgreement: input.purchaseAgreement },
      })
      .returning({ inserted: sql<boolean>`xmax = 0` });
    await audit(tx, ctx, { action: row?.inserted ? 'create' : 'update', resourceType: 'work_area', resourceId: code });
    return { municipalityCode: code, municipalityName: municipality.name, locationId: input.locationId, funding: input.funding, purchaseAgreement: input.purchaseAgreement };
  });
}

/** Refused (409) while funders or pending funder invitations depend on the municipality. */
export async function deleteWorkArea(ctx: ActorContext, code: string): Promise<void> {
  const { orgId } = ctx.actor;
  await ctx.db.withTenant(orgId, async (tx) => {
    const [existing] = await tx
      .select({ code: workArea.municipalityCode })
      .from(workArea)
      .where(and(eq(workArea.orgId, orgId), eq(workArea.municipalityCode, code)))
      .for('update');
    if (!existing) throw notFound();
    const [funder] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.funderMunicipalityCode, code), eq(users.status, 'active')))
      .limit(1);
    const [invite] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), eq(invitations.funderMunicipalityCode, code), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .limit(1);
    if (funder || invite) throw new AppError('work_area_in_use', 409);
    await tx.delete(workArea).where(and(eq(workArea.orgId, orgId), eq(workArea.municipalityCode, code)));
    await audit(tx, ctx, { action: 'delete', resourceType: 'work_area', resourceId: code });
  });
}

/** Reference data (no org_id); read inside the tenant transaction like everything else a request reads. */
export async function listMunicipalities(ctx: ActorContext, q: { province?: string; cursor?: string; limit: number }): Promise<{ items: TMunicipality[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor, /^GM\d{4}$/) : undefined;
  const rows = await ctx.db.withTenant(ctx.actor.orgId, (tx) =>
    tx
      .select({ code: municipalities.code, name: municipalities.name, province: municipalities.province })
      .from(municipalities)
      .where(and(q.province ? sql`lower(${municipalities.province}) = lower(${q.province})` : undefined, after ? gt(municipalities.code, after) : undefined))
      .orderBy(asc(municipalities.code))
      .limit(q.limit + 1),
  );
  return pageOf(rows, q.limit, (last) => encodeCursor([last.code]));
}
