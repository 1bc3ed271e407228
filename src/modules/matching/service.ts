import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import type { Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { t } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/policy/index.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import { priorityOf } from '../../shared/intake.js';
import type { TConfirmMatchRequest, TMatch, TMatchCandidates, TMyMatch, TProposal, TProposalStats, TReason } from '../../shared/matching.js';
import { getMatchableApplication, listMatchableApplications, markMatched, notifyReferrer, type ApplicationForMatching } from '../intake/public.js';
import { startTrajectory, trajectoryIdOf } from '../trajectories/public.js';
import { makeDistance } from './distance.js';
import {
  allMunicipalities,
  declineNoticeRecipients,
  insertMatch,
  matchableVolunteers,
  matchHistoryOf,
  matchesOfVolunteer,
  openMatchOf,
  pendingMatchApplicationIds,
  releaseSlot,
  selectMatch,
  selectProfile,
  setMatchStatus,
  takeSlot,
  type MatchRow,
  type ProfileRow,
} from './repository.js';
import { rankVolunteers, scorePair, type DistanceFn, type FamilyForMatching, type PairScore, type VolunteerForMatching } from './scoring.js';
import { greedyAssignment, solveAssignment, type AssignmentResult } from './solver.js';
import './messages.js';

/**
 * Matching (issue 4): rank volunteers for one family, propose an optimal assignment for a whole
 * waiting list, confirm a match (the caseload limit holds in the database), and the volunteer's
 * answer — on acceptance the trajectory starts and the referrer hears it, without content.
 */

/** Today in the Netherlands (yyyy-mm-dd): priorities count calendar days there. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return amsterdamDate(now);
}

export function familyOf(a: ApplicationForMatching, today: string): FamilyForMatching {
  return {
    id: a.id,
    municipalityCode: a.municipalityCode,
    locationId: a.locationId,
    measures: a.measures,
    institutions: a.institutions,
    language: a.preferredLanguage,
    priority: priorityOf(a.hearingDate, today),
  };
}

export function volunteerOf(p: ProfileRow): VolunteerForMatching {
  return {
    userId: p.userId,
    locationIds: p.locationIds,
    homeMunicipalityCode: p.homeMunicipalityCode,
    travelMunicipalities: p.travelMunicipalities,
    hoursPerWeek: p.hoursPerWeek,
    maxFamilies: p.maxFamilies,
    activeFamilies: p.activeFamilies,
    measureExperience: p.measureExperience,
    institutionExperience: p.institutionExperience,
    languages: p.languages,
    conflictInstitutions: p.conflictInstitutions,
    conflictApplicationIds: p.conflictApplicationIds,
  };
}

async function distanceFn(ctx: ActorContext, tx: Executor): Promise<DistanceFn> {
  return makeDistance(await allMunicipalities(ctx.db, tx));
}

const locationsOf = (a: Pick<ApplicationForMatching, 'locationId'>) => (a.locationId ? [a.locationId] : []);

// ---------------------------------------------------------------------------------------------
// Ranking for one family
// ---------------------------------------------------------------------------------------------

export async function matchCandidates(ctx: ActorContext, applicationId: string, reason?: string): Promise<TMatchCandidates> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const app = await getMatchableApplication(tx, orgId, applicationId);
    if (!app) throw notFound();
    const auditReason = authorize(ctx.actor, 'matching.manage', { locationIds: locationsOf(app), subjectUserId: app.parentUserId }, reason);
    const today = todayInAmsterdam();
    const family = familyOf(app, today);
    const volunteers = await matchableVolunteers(tx, orgId);
    const byId = new Map(volunteers.map((v) => [v.userId, v]));
    const ranked = rankVolunteers(family, volunteers.map(volunteerOf), await distanceFn(ctx, tx));
    const openMatchId = await openMatchOf(tx, orgId, applicationId);
    const history = await matchHistoryOf(tx, orgId, applicationId);
    await audit(tx, ctx, { action: 'read', resourceType: 'application', resourceId: applicationId, subjectId: app.parentUserId, reason: auditReason });
    await audit(tx, ctx, { action: 'list', resourceType: 'volunteer_profile', reason: auditReason });
    // The family's matches, with the volunteers' decline reasons (their words about this family).
    await audit(tx, ctx, { action: 'list', resourceType: 'match', resourceId: applicationId, subjectId: app.parentUserId, reason: auditReason });
    return {
      application: {
        id: app.id,
        reference: app.reference,
        status: app.status,
        priority: family.priority,
        locationId: app.locationId,
        municipalityCode: app.municipalityCode,
        openMatchId,
      },
      candidates: ranked.map((p) => {
        const v = byId.get(p.volunteerUserId)!;
        return {
          volunteerUserId: p.volunteerUserId,
          displayName: v.displayName,
          score: p.score,
          suitable: p.exclusions.length === 0,
          reasons: p.reasons as TReason[],
          exclusions: p.exclusions,
          activeFamilies: v.activeFamilies,
          maxFamilies: v.maxFamilies,
          hoursPerWeek: v.hoursPerWeek,
        };
      }),
      matches: history.map((h) => ({
        id: h.id,
        volunteer: { id: h.volunteerUserId, name: h.volunteerName },
        status: h.status,
        score: h.score,
        confirmedAt: h.confirmedAt.toISOString(),
        respondedAt: h.respondedAt?.toISOString() ?? null,
        declineReason: h.declineReason,
        confirmedByName: h.confirmedByName,
      })),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Whole-list proposal
// ---------------------------------------------------------------------------------------------

function statsOf(result: AssignmentResult, families: FamilyForMatching[]): TProposalStats {
  const per = ([1, 2, 3] as const).map((priority) => ({
    priority,
    families: families.filter((f) => f.priority === priority).length,
    assigned: result.assignedByPriority[priority],
  }));
  return { families: families.length, assigned: result.assignments.length, totalScore: result.totalScore, perPriority: per };
}

/**
 * The optimal assignment for the families waiting at a location (or at the coordinator's own
 * locations), and how a greedy loop would have done on the same data. Read-only: the coordinator
 * confirms each match. Families with an open match are left out; volunteers without a free place too.
 */
export async function proposal(ctx: ActorContext, q: { locationId?: string; reason?: string }): Promise<TProposal> {
  const { orgId } = ctx.actor;
  let locationIds: string[] | undefined;
  let auditReason: string | null = null;
  if (q.locationId) {
    auditReason = authorize(ctx.actor, 'matching.manage', { locationIds: [q.locationId] }, q.reason);
    locationIds = [q.locationId];
  } else if (ctx.actor.role !== 'admin') {
    locationIds = ctx.actor.locationIds;
  }
  return ctx.db.withTenant(orgId, async (tx) => {
    const today = todayInAmsterdam();
    const apps = locationIds && locationIds.length === 0 ? [] : await listMatchableApplications(tx, orgId, { locationIds, today });
    const open = await pendingMatchApplicationIds(tx, orgId);
    const waiting = apps.filter((a) => !open.has(a.id));
    const families = waiting.map((a) => familyOf(a, today));
    const volunteers = await matchableVolunteers(tx, orgId, { withCapacity: true });
    const vs = volunteers.map(volunteerOf);
    const distance = await distanceFn(ctx, tx);
    const optimal = solveAssignment(families, vs, distance);
    const greedy = greedyAssignment(families, vs, distance);

    const appById = new Map(waiting.map((a) => [a.id, a]));
    const famById = new Map(families.map((f) => [f.id, f]));
    const volById = new Map(volunteers.map((v) => [v.userId, v]));
    const vfById = new Map(vs.map((v) => [v.userId, v]));
    await audit(tx, ctx, { action: 'list', resourceType: 'application', reason: auditReason });
    return {
      locationIds: locationIds ?? [],
      proposals: optimal.assignments.map((a) => {
        const f = famById.get(a.familyId)!;
        const pair: PairScore = scorePair(f, vfById.get(a.volunteerUserId)!, distance);
        return {
          applicationId: a.familyId,
          reference: appById.get(a.familyId)!.reference,
          priority: f.priority,
          volunteerUserId: a.volunteerUserId,
          volunteerName: volById.get(a.volunteerUserId)!.displayName,
          score: a.score,
          reasons: pair.reasons as TReason[],
        };
      }),
      unassigned: optimal.unassigned.map((id) => ({ applicationId: id, reference: appById.get(id)!.reference, priority: famById.get(id)!.priority })),
      comparison: { optimal: statsOf(optimal, families), greedy: statsOf(greedy, families) },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Matches
// ---------------------------------------------------------------------------------------------

function toMatch(m: MatchRow): TMatch {
  return {
    id: m.id,
    applicationId: m.applicationId,
    reference: m.reference,
    volunteerUserId: m.volunteerUserId,
    volunteerName: m.volunteerName,
    status: m.status,
    score: m.score,
    reasons: m.reasons as TReason[],
    confirmedAt: m.confirmedAt.toISOString(),
    respondedAt: m.respondedAt?.toISOString() ?? null,
  };
}

const pgError = (err: unknown): { code?: string; constraint?: string } => {
  const e = err as { code?: unknown; constraint?: unknown; cause?: { code?: unknown; constraint?: unknown } };
  const src = typeof e?.code === 'string' ? e : (e?.cause ?? {});
  return { code: typeof src.code === 'string' ? src.code : undefined, constraint: typeof src.constraint === 'string' ? src.constraint : undefined };
};

/** A constraint that refused the write at the last moment (a concurrent confirmation): a clear 409, never a 500. */
function constraintProblem(err: unknown): AppError | undefined {
  const e = pgError(err);
  if (e.code === '23505' && (e.constraint === 'matches_open_idx' || e.constraint === undefined)) return new AppError('match_exists', 409);
  if (e.code === '23514' && (e.constraint === 'volunteer_profiles_caseload_check' || e.constraint === undefined)) return new AppError('volunteer_full', 409);
  return undefined;
}

/** The first hard exclusion as the problem a coordinator sees (conflicts first: they never go away). */
function exclusionProblem(p: PairScore): AppError | undefined {
  const codes = new Set(p.exclusions.map((e) => e.code));
  if (codes.has('conflict_family') || codes.has('conflict_institution')) return new AppError('conflict_of_interest', 409);
  if (codes.has('out_of_area')) return new AppError('out_of_area', 422);
  if (codes.has('language')) return new AppError('language_mismatch', 422);
  if (codes.has('full')) return new AppError('volunteer_full', 409);
  return undefined;
}

async function mailVolunteer(ctx: ActorContext, to: { email: string; displayName: string }): Promise<void> {
  const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/mijn-koppelingen`;
  const params = { name: to.displayName, link };
  try {
    await ctx.mailer.send({
      to: to.email,
      subject: `${t('nl', 'mail.match_proposed.subject')} | ${t('en', 'mail.match_proposed.subject')}`,
      text: `${t('nl', 'mail.match_proposed.body', params)}\n\n---\n\n${t('en', 'mail.match_proposed.body', params)}\n`,
    });
  } catch {
    // The match stands: the volunteer also sees it in Naast. A mail outage must not undo a confirmation.
  }
}

/**
 * The coordinator confirms a match. In one transaction: the family must be waiting without an open
 * match, the volunteer active with a profile and not excluded (conflict, area), and a place is
 * taken with a conditional UPDATE — so the caseload limit holds even when two coordinators confirm
 * at the same moment (the CHECK constraint and the unique index on open matches back it up).
 */
export async function confirmMatch(ctx: ActorContext, body: TConfirmMatchRequest): Promise<TMatch> {
  const { orgId } = ctx.actor;
  let volunteer: ProfileRow | undefined;
  let result: TMatch;
  try {
    result = await ctx.db.withTenant(orgId, async (tx) => {
      const app = await getMatchableApplication(tx, orgId, body.applicationId);
      if (!app) throw new AppError('application_not_matchable', 409);
      const auditReason = authorize(ctx.actor, 'matching.manage', { locationIds: locationsOf(app), subjectUserId: app.parentUserId }, body.reason);
      if (await openMatchOf(tx, orgId, app.id)) throw new AppError('match_exists', 409);

      volunteer = await selectProfile(tx, orgId, body.volunteerUserId);
      if (!volunteer || volunteer.role !== 'volunteer' || volunteer.status !== 'active') throw new AppError('not_a_volunteer', 422);
      if (!volunteer.saved) throw new AppError('volunteer_no_profile', 422);

      const family = familyOf(app, todayInAmsterdam());
      const pair = scorePair(family, volunteerOf(volunteer), await distanceFn(ctx, tx));
      const refused = exclusionProblem(pair);
      if (refused) throw refused;
      if (!(await takeSlot(tx, orgId, volunteer.userId))) throw new AppError('volunteer_full', 409);

      const id = uuidv7();
      const confirmedAt = new Date();
      await insertMatch(tx, { orgId, id, applicationId: app.id, volunteerUserId: volunteer.userId, score: pair.score, reasons: pair.reasons, confirmedBy: ctx.actor.userId, confirmedAt });
      await audit(tx, ctx, { action: 'create', resourceType: 'match', resourceId: id, subjectId: app.parentUserId, reason: auditReason });
      const row = await selectMatch(tx, orgId, id);
      return toMatch(row!);
    });
  } catch (err) {
    throw constraintProblem(err) ?? err;
  }
  await mailVolunteer(ctx, volunteer!);
  return result;
}

/**
 * The coordinator withdraws a match the volunteer has not answered yet: the place is given back and
 * the family can be matched again. `reason`: break-the-glass for a family of another location.
 */
export async function withdrawMatch(ctx: ActorContext, id: string, reason?: string): Promise<TMatch> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const m = await selectMatch(tx, orgId, id, { lock: true });
    if (!m) throw notFound();
    const app = await getMatchableApplication(tx, orgId, m.applicationId);
    const auditReason = authorize(ctx.actor, 'matching.manage', { locationIds: app ? locationsOf(app) : [], subjectUserId: app?.parentUserId ?? null }, reason);
    if (m.status !== 'pending') throw new AppError('match_not_pending', 409);
    await setMatchStatus(tx, orgId, id, 'withdrawn');
    await releaseSlot(tx, orgId, m.volunteerUserId);
    await audit(tx, ctx, { action: 'update', resourceType: 'match', resourceId: id, subjectId: app?.parentUserId ?? null, reason: auditReason });
    const row = await selectMatch(tx, orgId, id);
    return toMatch(row!);
  });
}

// ---------------------------------------------------------------------------------------------
// The volunteer's answer
// ---------------------------------------------------------------------------------------------

/** A match offered to the signed-in volunteer; anyone else's reads as not found. */
async function ownMatch(ctx: ActorContext, tx: Executor, id: string): Promise<MatchRow> {
  const m = await selectMatch(tx, ctx.actor.orgId, id, { lock: true });
  if (!m || m.volunteerUserId !== ctx.actor.userId) throw notFound();
  authorize(ctx.actor, 'matches.respond', { assignedUserIds: [m.volunteerUserId] });
  if (m.status !== 'pending') throw new AppError('match_not_pending', 409);
  return m;
}

function myMatchOf(m: MatchRow, municipalityName: string, app: ApplicationForMatching | null, trajectoryId: string | null): TMyMatch {
  return {
    id: m.id,
    status: m.status,
    score: m.score,
    confirmedAt: m.confirmedAt.toISOString(),
    respondedAt: m.respondedAt?.toISOString() ?? null,
    family: {
      reference: m.reference,
      municipalityName,
      measures: app?.measures ?? [],
      institutions: app?.institutions ?? [],
      preferredLanguage: app?.preferredLanguage ?? '',
    },
    trajectoryId,
  };
}

async function municipalityName(ctx: ActorContext, tx: Executor, code: string): Promise<string> {
  return (await allMunicipalities(ctx.db, tx)).find((m) => m.code === code)?.name ?? code;
}

/**
 * What the volunteer sees: while a match is pending, the family's reference, municipality, measures,
 * institutions and language (enough to say yes or no; no names, no help questions). After the
 * answer only the status stays here; an accepted family continues in its trajectory.
 */
export async function myMatches(ctx: ActorContext): Promise<{ items: TMyMatch[] }> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const rows = await matchesOfVolunteer(tx, orgId, userId);
    const municipalities = new Map((await allMunicipalities(ctx.db, tx)).map((m) => [m.code, m.name]));
    const items: TMyMatch[] = [];
    for (const m of rows) {
      const app = m.status === 'pending' ? await getMatchableApplication(tx, orgId, m.applicationId) : null;
      items.push(myMatchOf(m, municipalities.get(m.municipalityCode) ?? m.municipalityCode, app, m.status === 'accepted' ? await trajectoryIdOf(tx, orgId, m.applicationId) : null));
      if (app) await audit(tx, ctx, { action: 'read', resourceType: 'application', resourceId: app.id, subjectId: app.parentUserId });
    }
    await audit(tx, ctx, { action: 'list', resourceType: 'match' });
    return { items };
  });
}

/**
 * Accept: the match is accepted, the family is matched (off the waiting list), the trajectory
 * starts with this volunteer as lead, and a professional referrer who may be told hears that
 * support started. All in one transaction.
 */
export async function acceptMatch(ctx: ActorContext, id: string): Promise<TMyMatch> {
  const { orgId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const m = await ownMatch(ctx, tx, id);
    const app = await getMatchableApplication(tx, orgId, m.applicationId);
    if (!app) throw new AppError('application_not_matchable', 409);
    await markMatched(tx, orgId, app.id);
    await setMatchStatus(tx, orgId, id, 'accepted');
    const trajectoryId = await startTrajectory(tx, { orgId, applicationId: app.id, locationId: app.locationId, leadVolunteerId: m.volunteerUserId, coachUserId: m.confirmedBy });
    await audit(tx, ctx, { action: 'update', resourceType: 'match', resourceId: id, subjectId: app.parentUserId });
    await audit(tx, ctx, { action: 'create', resourceType: 'trajectory', resourceId: trajectoryId, subjectId: app.parentUserId });
    await notifyReferrer(tx, { mailer: ctx.mailer, actor: ctx.actor, ip: ctx.ip, userAgent: ctx.userAgent }, orgId, app.id, 'started');
    const row = (await selectMatch(tx, orgId, id))!;
    return myMatchOf(row, await municipalityName(ctx, tx, row.municipalityCode), null, trajectoryId);
  });
}

/** Where a failed notice is reported: the request's logger (never with names, addresses or the reason). */
export interface NoticeLog {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/**
 * Content-free notice that a volunteer said no: the family's reference and a link to its match
 * screen, nothing else (no names, not the volunteer's reason). One mail per recipient, so
 * colleagues' addresses are not shown to each other. Returns how many could not be sent.
 */
async function mailDeclineNotice(ctx: ActorContext, to: string[], applicationId: string, reference: string): Promise<number> {
  const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/aanmeldingen/${encodeURIComponent(applicationId)}/matchen`;
  const params = { reference, link };
  const subject = `${t('nl', 'mail.match_declined.subject', params)} | ${t('en', 'mail.match_declined.subject', params)}`;
  const text = `${t('nl', 'mail.match_declined.body', params)}\n\n---\n\n${t('en', 'mail.match_declined.body', params)}\n`;
  let failed = 0;
  for (const address of to) {
    try {
      await ctx.mailer.send({ to: address, subject, text });
    } catch {
      failed++;
    }
  }
  return failed;
}

/**
 * Decline (with a reason for the coordinator): the place is given back; the family stays on the
 * list. After the change is stored, the coordinators of the family's location get a content-free
 * notice so the family does not silently wait again; a mail failure does not undo the answer.
 */
export async function declineMatch(ctx: ActorContext, id: string, reason: string, log?: NoticeLog): Promise<TMyMatch> {
  const { orgId } = ctx.actor;
  const { result, notice } = await ctx.db.withTenant(orgId, async (tx) => {
    const m = await ownMatch(ctx, tx, id);
    const app = await getMatchableApplication(tx, orgId, m.applicationId);
    await setMatchStatus(tx, orgId, id, 'declined', reason);
    await releaseSlot(tx, orgId, m.volunteerUserId);
    await audit(tx, ctx, { action: 'update', resourceType: 'match', resourceId: id, subjectId: app?.parentUserId ?? null });
    const row = (await selectMatch(tx, orgId, id))!;
    // A family that left the list meanwhile (e.g. its application closed) needs no new volunteer.
    const to = app ? await declineNoticeRecipients(tx, orgId, app.locationId) : [];
    return {
      result: myMatchOf(row, await municipalityName(ctx, tx, row.municipalityCode), null, null),
      notice: { to, waiting: !!app, applicationId: row.applicationId, reference: row.reference },
    };
  });
  const failed = await mailDeclineNotice(ctx, notice.to, notice.applicationId, notice.reference);
  if (failed > 0) log?.warn({ matchId: id, failed, recipients: notice.to.length }, 'match declined; decline notice not (fully) mailed');
  else if (notice.waiting && notice.to.length === 0) log?.warn({ matchId: id }, 'match declined; nobody to notify');
  return result;
}
