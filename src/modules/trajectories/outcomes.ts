import { sql } from 'drizzle-orm';
import { execRows, type Executor } from '../../platform/db/index.js';

/**
 * What the satisfaction module reads about trajectories (issue 5): the closing figures per location
 * for the results page (aggregate only, no personal data) and the two facts of one closed trajectory
 * that its questionnaire needs (location, application). The trajectories module keeps the SQL on its
 * own tables; callers get plain values.
 */

export type OutcomeFigures = {
  closed: number;
  resolved: number;
  positiveRestart: number;
  notResolved: number;
  parentStopped: number;
  referred: number;
  /** Averages over the closed trajectories; null when none closed. */
  avgDays: number | null;
  avgVolunteerMinutes: number | null;
  avgProfessionalMinutes: number | null;
};

export type OutcomeLocationRow = OutcomeFigures & { locationId: string | null; locationName: string | null };

type Agg = {
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

const num = (v: number | string | null | undefined): number | null => (v == null ? null : Number(v));
const figures = (r: Agg | undefined): OutcomeFigures => ({
  closed: r?.closed ?? 0,
  resolved: r?.resolved ?? 0,
  positiveRestart: r?.positive_restart ?? 0,
  notResolved: r?.not_resolved ?? 0,
  parentStopped: r?.parent_stopped ?? 0,
  referred: r?.referred ?? 0,
  avgDays: num(r?.avg_days),
  avgVolunteerMinutes: num(r?.avg_vol_min),
  avgProfessionalMinutes: num(r?.avg_pro_min),
});

/**
 * Trajectories closed with an outcome in [from, to) (dates in Europe/Amsterdam), per location and in
 * total. `locationIds`: only these locations (a coordinator's own); null: the whole organisation,
 * including trajectories without a location (one row with locationId null, only when there are any).
 * Every location in scope gets a row, also with nothing closed, in name order.
 */
export async function closedOutcomesByLocation(
  tx: Executor,
  orgId: string,
  scope: { from: string; to: string; locationIds: readonly string[] | null },
): Promise<{ rows: OutcomeLocationRow[]; total: OutcomeFigures }> {
  const inScope = scope.locationIds ? sql`and location_id = any(${sql.param([...scope.locationIds])}::uuid[])` : sql``;
  const select = sql`count(*)::int as closed,
         count(*) filter (where outcome = 'resolved')::int as resolved,
         count(*) filter (where outcome = 'positive_restart')::int as positive_restart,
         count(*) filter (where outcome = 'not_resolved')::int as not_resolved,
         count(*) filter (where outcome = 'parent_stopped')::int as parent_stopped,
         count(*) filter (where outcome = 'referred')::int as referred,
         avg(extract(epoch from (closed_at - started_at)) / 86400.0)::float8 as avg_days,
         avg(volunteer_minutes)::float8 as avg_vol_min,
         avg(professional_minutes)::float8 as avg_pro_min`;
  const where = sql`org_id = ${orgId} and outcome is not null and closed_at is not null
        and (closed_at at time zone 'Europe/Amsterdam') >= ${scope.from}::timestamp and (closed_at at time zone 'Europe/Amsterdam') < ${scope.to}::timestamp ${inScope}`;
  const perLocation = await execRows<Agg>(tx, sql`select location_id::text as location_id, ${select} from trajectories where ${where} group by location_id`);
  const [total] = await execRows<Agg>(tx, sql`select null as location_id, ${select} from trajectories where ${where}`);
  const locations = await execRows<{ id: string; name: string }>(
    tx,
    sql`select id::text as id, name from locations where org_id = ${orgId} ${scope.locationIds ? sql`and id = any(${sql.param([...scope.locationIds])}::uuid[])` : sql``} order by name, id`,
  );
  const rows: OutcomeLocationRow[] = locations.map((l) => ({ locationId: l.id, locationName: l.name, ...figures(perLocation.find((r) => r.location_id === l.id)) }));
  const withoutLocation = perLocation.find((r) => r.location_id === null);
  if (withoutLocation) rows.push({ locationId: null, locationName: null, ...figures(withoutLocation) });
  return { rows, total: figures(total) };
}

/** The location and application of one trajectory (the questionnaire's anonymous answer keeps the location only). */
export async function trajectoryPlaceOf(tx: Executor, orgId: string, trajectoryId: string): Promise<{ locationId: string | null; applicationId: string } | null> {
  const [row] = await execRows<{ location_id: string | null; application_id: string }>(
    tx,
    sql`select location_id::text as location_id, application_id::text as application_id from trajectories where org_id = ${orgId} and id = ${trajectoryId}`,
  );
  return row ? { locationId: row.location_id, applicationId: row.application_id } : null;
}
