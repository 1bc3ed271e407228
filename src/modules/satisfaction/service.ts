import { and, eq, sql } from 'drizzle-orm';
import { execRows } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext, RequestContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
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

/** GET /public/questionnaire/:token — no session: the link is the key. Nothing personal is shown. */
export async function getQuestionnaire(ctx: RequestContext, token: string): Promise<TQuestionnaire> {
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
  const { orgId, hash } = parseToken(token);
  await ctx.db.withTenant(orgId, async (tx) => {
    const now = new Date();
    const claimed = await execRows<{ location_id: string | null }>(
      tx,
      sql`update satisfaction_invitations i set used_at = ${now.toISOString()}
            from trajectories tr
           where i.org_id = ${orgId} and i.token_hash = ${hash} and i.used_at is null and i.expires_at > ${now.toISOString()}
             and tr.org_id = i.org_id and tr.id = i.trajectory_id
          returning tr.location_id::text as location_id`,
    );
    if (!claimed.length) {
      const [row] = await tx
        .select({ usedAt: satisfactionInvitations.usedAt, expiresAt: satisfactionInvitations.expiresAt })
        .from(satisfactionInvitations)
        .where(and(eq(satisfactionInvitations.orgId, orgId), eq(satisfactionInvitations.tokenHash, hash)));
      assertUsable(row, now);
      throw new AppError('questionnaire_used', 410);
    }
    const comment = answers.comment?.trim();
    await tx.insert(satisfactionResponses).values({
      orgId,
      id: uuidv7(),
      locationId: claimed[0]!.location_id,
      month: `${amsterdamDate(now).slice(0, 7)}-01`,
      answers: { ...Object.fromEntries(SCALE_QUESTIONS.map((q) => [q, answers[q]])), ...(comment ? { comment } : {}) },
    });
  });
}

// ---- results (resultaten) ----------------------------------------------------------------------

type OutcomeAgg = {
  location_id: string | null;
  closed: number;
  resolved: number;
  positive_restart: number;
  not_resolved: number;
  parent_stopped: number;
  referred: number;
  avg_days: number | string | null;
  avg_vol_min: number | string | null;
  avg_pro_min: number | string | null;
};
type SatAgg = { location_id: string | null; count: number } & Record<(typeof SCALE_QUESTIONS)[number], number | string | null>;

const num = (v: number | string | null): number | null => (v == null ? null : Number(v));
const round = (v: number | null, digits = 1): number | null => (v == null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

function outcomeRow(r: OutcomeAgg | undefined, locationId: string | null, names: Map<string, string>): TOutcomeRow {
  const closed = r?.closed ?? 0;
  const byOutcome = {
    resolved: r?.resolved ?? 0,
    positive_restart: r?.positive_restart ?? 0,
    not_resolved: r?.not_resolved ?? 0,
    parent_stopped: r?.parent_stopped ?? 0,
    referred: r?.referred ?? 0,
  };
  const days = num(r?.avg_days ?? null);
  const vol = num(r?.avg_vol_min ?? null);
  const pro = num(r?.avg_pro_min ?? null);
  return {
    locationId,
    locationName: locationId ? (names.get(locationId) ?? null) : null,
    closed,
    byOutcome,
    // Computed from the recorded outcomes only (seed figure ~80%), never typed in.
    successRate: closed ? round((byOutcome.resolved + byOutcome.positive_restart) / closed, 4) : null,
    avgMonths: round(days == null ? null : days / 30.4375),
    avgVolunteerHours: round(vol == null ? null : vol / 60),
    avgProfessionalHours: round(pro == null ? null : pro / 60),
  };
}

function satisfactionRow(r: SatAgg | undefined, locationId: string | null, names: Map<string, string>): TSatisfactionRow {
  const count = r?.count ?? 0;
  return {
    locationId,
    locationName: locationId ? (names.get(locationId) ?? null) : null,
    count,
    // Fewer than MIN_RESPONSES answers in a cell could point at one family: no averages then.
    averages: r && count >= MIN_RESPONSES ? (Object.fromEntries(SCALE_QUESTIONS.map((q) => [q, round(num(r[q]) ?? 0, 2)])) as NonNullable<TSatisfactionRow['averages']>) : null,
  };
}

/**
 * GET /results: the organisation's figures for one year (Europe/Amsterdam), aggregate only. Closed =
 * closed_at in the year; duration = start to closing; hours = the trajectory's volunteer and
 * professional totals. Satisfaction per location and month of answering. No personal data: not audited.
 */
export async function getResults(ctx: ActorContext, q: TResultsQuery): Promise<TResults> {
  const orgId = ctx.actor.orgId;
  const year = q.year ?? Number(amsterdamDate(new Date()).slice(0, 4));
  const locationId = q.locationId ?? null;
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  return ctx.db.withTenant(orgId, async (tx) => {
    const locFilter = locationId ? sql`and location_id = ${locationId}` : sql``;
    const outcomeSelect = sql`count(*)::int as closed,
             count(*) filter (where outcome = 'resolved')::int as resolved,
             count(*) filter (where outcome = 'positive_restart')::int as positive_restart,
             count(*) filter (where outcome = 'not_resolved')::int as not_resolved,
             count(*) filter (where outcome = 'parent_stopped')::int as parent_stopped,
             count(*) filter (where outcome = 'referred')::int as referred,
             avg(extract(epoch from (closed_at - started_at)) / 86400.0)::float8 as avg_days,
             avg(volunteer_minutes)::float8 as avg_vol_min,
             avg(professional_minutes)::float8 as avg_pro_min`;
    const closedWhere = sql`org_id = ${orgId} and outcome is not null and closed_at is not null
            and (closed_at at time zone 'Europe/Amsterdam') >= ${from}::timestamp and (closed_at at time zone 'Europe/Amsterdam') < ${to}::timestamp ${locFilter}`;
    const perLocation = await execRows<OutcomeAgg>(tx, sql`select location_id::text as location_id, ${outcomeSelect} from trajectories where ${closedWhere} group by location_id`);
    const [total] = await execRows<OutcomeAgg>(tx, sql`select null as location_id, ${outcomeSelect} from trajectories where ${closedWhere}`);

    const avgCols = sql.join(
      SCALE_QUESTIONS.map((k) => sql`avg((answers ->> ${k})::numeric)::float8 as ${sql.identifier(k)}`),
      sql`, `,
    );
    const satWhere = sql`org_id = ${orgId} and month >= ${from}::date and month < ${to}::date ${locFilter}`;
    const satPer = await execRows<SatAgg>(tx, sql`select location_id::text as location_id, count(*)::int as count, ${avgCols} from satisfaction_responses where ${satWhere} group by location_id`);
    const [satTotal] = await execRows<SatAgg>(tx, sql`select null as location_id, count(*)::int as count, ${avgCols} from satisfaction_responses where ${satWhere}`);

    const names = new Map(
      (await execRows<{ id: string; name: string }>(tx, sql`select id::text as id, name from locations where org_id = ${orgId} order by name`)).map((l) => [l.id, l.name]),
    );
    // Every location of the organisation gets a row (also with nothing closed), then those without one.
    const ids = locationId ? [locationId] : [...names.keys()];
    const extra = (xs: Array<{ location_id: string | null }>) => xs.some((x) => x.location_id === null);
    const outcomeRows = ids.map((id) => outcomeRow(perLocation.find((r) => r.location_id === id), id, names));
    if (extra(perLocation)) outcomeRows.push(outcomeRow(perLocation.find((r) => r.location_id === null), null, names));
    const satRows = ids.map((id) => satisfactionRow(satPer.find((r) => r.location_id === id), id, names));
    if (extra(satPer)) satRows.push(satisfactionRow(satPer.find((r) => r.location_id === null), null, names));
    return {
      year,
      locationId,
      minResponses: MIN_RESPONSES,
      outcomes: { rows: outcomeRows, total: outcomeRow(total, null, names) },
      satisfaction: { rows: satRows, total: satisfactionRow(satTotal, null, names) },
    };
  });
}
