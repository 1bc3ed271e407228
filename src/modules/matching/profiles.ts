import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import type { Executor } from '../../platform/db/index.js';
import { AppError, notFound, validation, type FieldError } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { encodeCursor, invalidCursor, pageOf } from '../../platform/http/pagination.js';
import { UUID_RE } from '../../platform/db/ids.js';
import { authorize } from '../../platform/policy/index.js';
import type {
  TOwnVolunteerProfile,
  TOwnVolunteerProfileRequest,
  TVolunteerListItem,
  TVolunteerProfile,
  TVolunteerProfileRequest,
  TVolunteersQuery,
} from '../../shared/matching.js';
import { listVolunteerRows, organisationMaxFamilies, selectProfile, unknownMunicipalities, upsertProfile, type ProfileRow } from './repository.js';
import './messages.js';

/**
 * Volunteer profiles (issue 4): what matching needs to know about a volunteer. A coordinator
 * manages the profiles of volunteers at their locations (break-the-glass elsewhere); the volunteer
 * keeps their own availability up to date. The profile row is created on the first save.
 */

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const uniqueNames = (xs: readonly string[]): string[] => {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = x.trim().replace(/\s+/g, ' ').toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

function toProfile(r: ProfileRow, maxFamiliesLimit: number): TVolunteerProfile {
  return {
    userId: r.userId,
    displayName: r.displayName,
    locationIds: r.locationIds,
    homeMunicipalityCode: r.homeMunicipalityCode,
    travelMunicipalities: r.travelMunicipalities,
    hoursPerWeek: r.hoursPerWeek,
    maxFamilies: r.maxFamilies,
    activeFamilies: r.activeFamilies,
    measureExperience: r.measureExperience as TVolunteerProfile['measureExperience'],
    institutionExperience: r.institutionExperience,
    languages: r.languages,
    conflictInstitutions: r.conflictInstitutions,
    conflictApplicationIds: r.conflictApplicationIds,
    maxFamiliesLimit,
    saved: r.saved,
    updatedAt: r.updatedAt?.toISOString() ?? null,
  };
}

function toOwnProfile(r: ProfileRow, maxFamiliesLimit: number): TOwnVolunteerProfile {
  const { conflictApplicationIds: _hidden, ...own } = toProfile(r, maxFamiliesLimit);
  return own;
}

/** A volunteer's record; other users (and other organisations' ids) read as not found. */
async function loadVolunteer(tx: Executor, orgId: string, userId: string, lock = false): Promise<ProfileRow> {
  const row = await selectProfile(tx, orgId, userId, { lock });
  if (!row || row.role !== 'volunteer') throw notFound();
  return row;
}

async function checkMunicipalities(tx: Executor, body: { homeMunicipalityCode: string | null; travelMunicipalities: string[] }): Promise<FieldError[]> {
  const unknown = new Set(await unknownMunicipalities(tx, [...(body.homeMunicipalityCode ? [body.homeMunicipalityCode] : []), ...body.travelMunicipalities]));
  const errors: FieldError[] = [];
  if (body.homeMunicipalityCode && unknown.has(body.homeMunicipalityCode)) {
    errors.push({ field: 'body.homeMunicipalityCode', code: 'unknown_municipality', messageKey: 'field.unknown_municipality' });
  }
  body.travelMunicipalities.forEach((code, i) => {
    if (unknown.has(code)) errors.push({ field: `body.travelMunicipalities.${i}`, code: 'unknown_municipality', messageKey: 'field.unknown_municipality' });
  });
  return errors;
}

const pgError = (err: unknown): { code?: string; constraint?: string } => {
  const e = err as { code?: unknown; constraint?: unknown; cause?: { code?: unknown; constraint?: unknown } };
  const src = typeof e?.code === 'string' ? e : (e?.cause ?? {});
  return { code: typeof src.code === 'string' ? src.code : undefined, constraint: typeof src.constraint === 'string' ? src.constraint : undefined };
};

/** The caseload CHECK can still refuse (a match confirmed between our read and write): a 409, not a 500. */
async function guardCaseload<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = pgError(err);
    if (e.code === '23514' && (e.constraint === 'volunteer_profiles_caseload_check' || e.constraint === undefined)) throw new AppError('caseload_below_active', 409);
    throw err;
  }
}

export async function getVolunteerProfile(ctx: ActorContext, userId: string, reason?: string): Promise<TVolunteerProfile> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const row = await loadVolunteer(tx, orgId, userId);
    const auditReason = authorize(ctx.actor, 'volunteers.read', { locationIds: row.locationIds, subjectUserId: row.userId }, reason);
    await audit(tx, ctx, { action: 'read', resourceType: 'volunteer_profile', resourceId: userId, subjectId: userId, reason: auditReason });
    return toProfile(row, await organisationMaxFamilies(tx, orgId));
  });
}

/**
 * The coordinator saves the whole profile. maxFamilies may not exceed the organisation's limit nor
 * drop below the families the volunteer supports now; municipalities must exist.
 */
export async function putVolunteerProfile(ctx: ActorContext, userId: string, body: TVolunteerProfileRequest, reason?: string): Promise<TVolunteerProfile> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    // Lock the user row: two saves of one profile (or a save and a match) are decided one after the other.
    const current = await loadVolunteer(tx, orgId, userId, true);
    const auditReason = authorize(ctx.actor, 'volunteers.manage', { locationIds: current.locationIds, subjectUserId: current.userId }, reason);
    const limit = await organisationMaxFamilies(tx, orgId);
    const errors = await checkMunicipalities(tx, body);
    if (body.maxFamilies > limit) errors.push({ field: 'body.maxFamilies', code: 'above_org_limit', messageKey: 'field.above_org_limit', params: { maximum: limit } });
    else if (body.maxFamilies < current.activeFamilies) {
      errors.push({ field: 'body.maxFamilies', code: 'below_active_families', messageKey: 'field.below_active_families', params: { minimum: current.activeFamilies } });
    }
    if (errors.length) throw validation(errors);

    const created = await guardCaseload(() =>
      upsertProfile(tx, orgId, userId, {
        homeMunicipalityCode: body.homeMunicipalityCode,
        travelMunicipalities: unique(body.travelMunicipalities),
        hoursPerWeek: body.hoursPerWeek,
        maxFamilies: body.maxFamilies,
        measureExperience: unique(body.measureExperience),
        institutionExperience: uniqueNames(body.institutionExperience),
        languages: unique(body.languages),
        conflictInstitutions: uniqueNames(body.conflictInstitutions),
        conflictApplicationIds: unique(body.conflictApplicationIds.map((id) => id.toLowerCase())),
      }),
    );
    await audit(tx, ctx, { action: created ? 'create' : 'update', resourceType: 'volunteer_profile', resourceId: userId, subjectId: userId, reason: auditReason });
    const row = await loadVolunteer(tx, orgId, userId);
    return toProfile(row, limit);
  });
}

export async function getOwnProfile(ctx: ActorContext): Promise<TOwnVolunteerProfile> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const row = await loadVolunteer(tx, orgId, userId);
    await audit(tx, ctx, { action: 'read', resourceType: 'volunteer_profile', resourceId: userId, subjectId: userId });
    return toOwnProfile(row, await organisationMaxFamilies(tx, orgId));
  });
}

/** The volunteer's own availability: area, hours, languages. Caseload limit and conflicts stay as the coordinator set them. */
export async function putOwnProfile(ctx: ActorContext, body: TOwnVolunteerProfileRequest): Promise<TOwnVolunteerProfile> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    await loadVolunteer(tx, orgId, userId, true);
    const errors = await checkMunicipalities(tx, body);
    if (errors.length) throw validation(errors);
    const created = await upsertProfile(tx, orgId, userId, {
      homeMunicipalityCode: body.homeMunicipalityCode,
      travelMunicipalities: unique(body.travelMunicipalities),
      hoursPerWeek: body.hoursPerWeek,
      languages: unique(body.languages),
    });
    await audit(tx, ctx, { action: created ? 'create' : 'update', resourceType: 'volunteer_profile', resourceId: userId, subjectId: userId });
    const row = await loadVolunteer(tx, orgId, userId);
    return toOwnProfile(row, await organisationMaxFamilies(tx, orgId));
  });
}

/** The cursor of the volunteer list: the last row's name and id (the list is sorted by name). */
function decodeNameCursor(cursor: string): { name: string; id: string } {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && key[0].length <= 200 && typeof key[1] === 'string' && UUID_RE.test(key[1])) {
      return { name: key[0], id: key[1] };
    }
  } catch {
    /* not JSON: refused below */
  }
  throw invalidCursor();
}

/**
 * Active volunteers for coordinators: name, locations, hours and caseload. Organisation-wide like
 * the staff directory (how a coordinator finds a volunteer of a neighbouring location); the full
 * profile is the per-person read the relationship rule governs.
 */
export async function listVolunteers(ctx: ActorContext, q: TVolunteersQuery): Promise<{ items: TVolunteerListItem[]; nextCursor: string | null }> {
  const { orgId } = ctx.actor;
  const after = q.cursor ? decodeNameCursor(q.cursor) : undefined;
  return ctx.db.withTenant(orgId, async (tx) => {
    const rows = await listVolunteerRows(tx, orgId, { locationId: q.locationId, after, limit: q.limit + 1 });
    await audit(tx, ctx, { action: 'list', resourceType: 'volunteer_profile' });
    const page = pageOf(rows, q.limit, (last) => encodeCursor([last.displayName, last.userId]));
    return {
      items: page.items.map((r) => ({ ...r, freeSlots: Math.max(0, r.maxFamilies - r.activeFamilies) })),
      nextCursor: page.nextCursor,
    };
  });
}
