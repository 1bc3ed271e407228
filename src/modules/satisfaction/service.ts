import { and, eq, inArray, sql } from 'drizzle-orm';
import { execRows } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext, RequestContext } from '../../platform/http/context.js';
import { lockedFor, rateLimited, recordFailure, type ThrottleRule } from '../../platform/auth/throttle.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import {
  MIN_RESPONSES,
  QUESTION_TEXT,
  SCALE_QUESTIONS,
  SCALE_WORDS,
  type TOutcomeRow,
  type TQuestionnaire,
  type TQuestionnaireAnswers,
  type TResults,
  type TResultsQuery,
  type TSatisfactionRow,
} from '../../shared/satisfaction.js';
import { getOrganisationName } from '../organisations/public.js';
import { closedOutcomesByLocation, trajectoryPlaceOf, type OutcomeFigures } from '../trajectories/public.js';
import { sha256 } from '../../platform/auth/sessions.js';
import { satisfactionInvitations, satisfactionResponses } from './tables.js';
import './messages.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const unknownLink = () => new AppError('questionnaire_not_found', 404);

/** `<orgId>.<secret>`; anything else is an unknown link (404, never a 400 that tells what is wrong). */
function parseToken(token: string): { orgId: string; hash: string } {
  const dot = token.indexOf('.');
  const orgId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !UUID_RE.test(orgId) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) throw unknownLink();
  return { orgId: orgId.toLowerCase(), hash: sha256(secret) };
}

/** Used → 410, expired → 410 (each with its own words), unknown → 404. */
function assertUsable(row: { usedAt: Date | null; expiresAt: Date } | undefined, now: Date): void {
  if (!row) throw unknownLink();
  if (row.usedAt) throw new AppError('questionnaire_used', 410);
  if (row.expiresAt.getTime() <= now.getTime()) throw new AppError('questionnaire_expired', 410);
}

/**
 * Per network address, against guessing links: unknown links (404) count as failures in the
 * platform's throttle (auth_throttle, on the system path, address hashed); from the 10th within 15
 * minutes the address is locked for a minute, doubling up to an hour, and every questionnaire request
 * from it (also with a good link) is a 429 with Retry-After, before anything is read or stored. A
 * parent who mistypes a link a few times is not hindered; used or expired links do not count.
 */
export const QUESTIONNAIRE_IP_RULE: ThrottleRule = { threshold: 10, baseLockMs: 60_000, maxLockMs: 3_600_000, forgetAfterMs: 15 * 60_000 };
const questionnaireIpKey = (ip: string) => `questionnaire-ip:${sha256(ip).slice(0, 32)}`;

async function throttled<T>(ctx: RequestContext, work: () => Promise<T>): Promise<T> {
  const key = questionnaireIpKey(ctx.ip);
  const lockMs = await ctx.db.withSystem((tx) => lockedFor(tx, [key]));
  if (lockMs > 0) throw rateLimited(lockMs);
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === 'questionnaire_not_found') {
      // After the tenant transaction: its own short one on the system path.
      const lock = await ctx.db.withSystem((tx) => recordFailure(tx, key, QUESTIONNAIRE_IP_RULE));
      if (lock > 0) throw rateLimited(lock);
    }
    throw err;
  }
}

/** GET /public/questionnaire/:token — no session: the link is the key. Nothing personal is shown. */
export async function getQuestionnaire(ctx: RequestContext, token: string): Promise<TQuestionnaire> {
  return throttled(ctx, () => readQuestionnaire(ctx, token));
}

async function readQuestionnaire(ctx: RequestContext, token: string): Promise<TQuestionnaire> {
  const { orgId, hash } = parseToken(token);
  return ctx.db.withTenant(orgId, async (tx) => {
    const [row] = await tx
      .select({ usedAt: satisfactionInvitations.usedAt, expiresAt: satisfactionInvitations.expiresAt })
      .from(satisfactionInvitations)
      .where(and(eq(satisfactionInvitations.orgId, orgId), eq(satisfactionInvitations.tokenHash, hash)));
    assertUsable(row, new Date());
    const lang = ctx.lang;
    return {
      organisationName: (await getOrganisationName(tx, orgId)) ?? 'Naast',
      questions: [
        ...SCALE_QUESTIONS.map((id) => ({ id, kind: 'scale' as const, text: QUESTION_TEXT[id][lang] })),
        { id: 'comment' as const, kind: 'text' as const, text: QUESTION_TEXT.comment[lang] },
      ],
      scale: ([1, 2, 3, 4, 5] as const).map((value) => ({ value, label: SCALE_WORDS[value][lang] })),
    };
  });
}

/**
 * POST /public/questionnaire/:token — single use: the invitation is claimed with
 * `update … where used_at is null returning` in the transaction that stores the answers, so of two
 * parallel posts exactly one wins. The response keeps the organisation, location and month only:
 * no trajectory, no invitation id, no exact time.
 */
export async function answerQuestionnaire(ctx: RequestContext, token: string, answers: TQuestionnaireAnswers): Promise<void> {
  return throttled(ctx, () => storeAnswer(ctx, token, answers));
}

async function storeAnswer(ctx: RequestContext, token: string, answers: TQuestionnaireAnswers): Promise<void> {
  const { orgId, hash } = parseToken(token);
  await ctx.db.withTenant(orgId, async (tx) => {
    const now = new Date();
    const [claimed] = await tx
      .update(satisfactionInvitations)
      .set({ usedAt: now })
      .where(
        and(
          eq(satisfactionInvitations.orgId, orgId),
          eq(satisfactionInvitations.tokenHash, hash),
          sql`${satisfactionInvitations.usedAt} is null and ${satisfactionInvitations.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      )
      .returning({ trajectoryId: satisfactionInvitations.trajectoryId });
    if (!claimed) {
      const [row] = await tx
        .select({ usedAt: satisfactionInvitations.usedAt, expiresAt: satisfactionInvitations.expiresAt })
        .from(satisfactionInvitations)
        .where(and(eq(satisfactionInvitations.orgId, orgId), eq(satisfactionInvitations.tokenHash, hash)));
      assertUsable(row, now);
      throw new AppError('questionnaire_used', 410);
    }
    // The location only (the trajectories module's answer); the response never names the trajectory.
    const place = await trajectoryPlaceOf(tx, orgId, claimed.trajectoryId);
    const comment = answers.comment?.trim();
    await tx.insert(satisfactionResponses).values({
      orgId,
      id: uuidv7(),
      locationId: place?.locationId ?? null,
      month: `${amsterdamDate(now).slice(0, 7)}-01`,
      answers: { ...Object.fromEntries(SCALE_QUESTIONS.map((q) => [q, answers[q]])), ...(comment ? { comment } : {}) },
    });
  });
}

// ---- results (resultaten) ----------------------------------------------------------------------

type SatAgg = { location_id: string | null; count: number } & Record<(typeof SCALE_QUESTIONS)[number], number | string | null>;

const num = (v: number | string | null): number | null => (v == null ? null : Number(v));
const round = (v: number | null, digits = 1): number | null => (v == null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

function outcomeRow(r: OutcomeFigures, locationId: string | null, locationName: string | null): TOutcomeRow {
  const closed = r.closed;
  const byOutcome = {
    resolved: r.resolved,
    positive_restart: r.positiveRestart,
    not_resolved: r.notResolved,
    parent_stopped: r.parentStopped,
    referred: r.referred,
  };
  return {
    locationId,
    locationName,
    closed,
    byOutcome,
    // Computed from the recorded outcomes only (seed figure ~80%), never typed in.
    successRate: closed ? round((byOutcome.resolved + byOutcome.positive_restart) / closed, 4) : null,
    avgMonths: round(r.avgDays == null ? null : r.avgDays / 30.4375),
    avgVolunteerHours: round(r.avgVolunteerMinutes == null ? null : r.avgVolunteerMinutes / 60),
    avgProfessionalHours: round(r.avgProfessionalMinutes == null ? null : r.avgProfessionalMinutes / 60),
  };
}

function satisfactionRow(r: SatAgg | undefined, locationId: string | null, locationName: string | null): TSatisfactionRow {
  const count = r?.count ?? 0;
  return {
    locationId,
    locationName,
    count,
    // Fewer than MIN_RESPONSES answers in a cell could point at one family: no averages then.
    averages: r && count >= MIN_RESPONSES ? (Object.fromEntries(SCALE_QUESTIONS.map((q) => [q, round(num(r[q]) ?? 0, 2)])) as NonNullable<TSatisfactionRow['averages']>) : null,
  };
}

/**
 * GET /results: the figures for one year (Europe/Amsterdam), aggregate only. Closed = closed_at in
 * the year; duration = start to closing; hours = the trajectory's volunteer and professional totals
 * (from the trajectories module). Satisfaction per location and month of answering.
 * Scope: an admin sees the whole organisation; a coordinator only their own locations (another
 * location asked for reads as 404). No personal data: not audited.
 */
export async function getResults(ctx: ActorContext, q: TResultsQuery): Promise<TResults> {
  const { orgId, role } = ctx.actor;
  const year = q.year ?? Number(amsterdamDate(new Date()).slice(0, 4));
  const locationId = q.locationId ?? null;
  const own = role === 'admin' ? null : ctx.actor.locationIds;
  if (locationId && own && !own.includes(locationId)) throw notFound();
  const scopeIds = locationId ? [locationId] : own;
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  return ctx.db.withTenant(orgId, async (tx) => {
    const outcomes = await closedOutcomesByLocation(tx, orgId, { from, to, locationIds: scopeIds });

    const avgCols = sql.join(
      SCALE_QUESTIONS.map((k) => sql`avg((answers ->> ${k})::numeric)::float8 as ${sql.identifier(k)}`),
      sql`, `,
    );
    const inScope = scopeIds ? (scopeIds.length ? inArray(satisfactionResponses.locationId, scopeIds) : sql`false`) : sql`true`;
    const satWhere = sql`org_id = ${orgId} and month >= ${from}::date and month < ${to}::date and ${inScope}`;
    const satPer = await execRows<SatAgg>(tx, sql`select location_id::text as location_id, count(*)::int as count, ${avgCols} from satisfaction_responses where ${satWhere} group by location_id`);
    const [satTotal] = await execRows<SatAgg>(tx, sql`select null as location_id, count(*)::int as count, ${avgCols} from satisfaction_responses where ${satWhere}`);

    // Every location in scope gets a row (also with nothing closed or answered), then those without one.
    const locations = outcomes.rows.filter((r) => r.locationId !== null);
    const outcomeRows = outcomes.rows.map((r) => outcomeRow(r, r.locationId, r.locationName));
    const satRows = locations.map((l) => satisfactionRow(satPer.find((r) => r.location_id === l.locationId), l.locationId, l.locationName));
    const satWithout = satPer.find((r) => r.location_id === null);
    if (satWithout) satRows.push(satisfactionRow(satWithout, null, null));
    return {
      year,
      locationId,
      minResponses: MIN_RESPONSES,
      outcomes: { rows: outcomeRows, total: outcomeRow(outcomes.total, null, null) },
      satisfaction: { rows: satRows, total: satisfactionRow(satTotal, null, null) },
    };
  });
}
