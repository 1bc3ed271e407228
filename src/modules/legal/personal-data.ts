import { sql } from 'drizzle-orm';
import { countOf, jsonRows, uuids, type PersonalDataPart } from '../../platform/privacy/registry.js';

/** The legal module's part of the personal-data map (issue 6): measures, court decisions, deadlines. */
export const legalPersonalData: PersonalDataPart = {
  module: 'legal',
  async exportFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      measures: await jsonRows(tx, sql`select to_jsonb(m) - 'org_id' - 'created_by' as r from child_measures m where ${of} order by starts_on, id`),
      decisions: await jsonRows(tx, sql`select to_jsonb(d) - 'org_id' - 'created_by' as r from court_decisions d where ${of} order by decided_on, id`),
      deadlines: await jsonRows(
        tx,
        sql`select to_jsonb(d) - 'org_id' - 'created_by' - 'remind_at' - 'reminder_sent_at' as r from deadlines d where ${of} order by due_on, id`,
      ),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      deadlines: await countOf(tx, sql`delete from deadlines where ${of} returning 1`),
      court_decisions: await countOf(tx, sql`delete from court_decisions where ${of} returning 1`),
      child_measures: await countOf(tx, sql`delete from child_measures where ${of} returning 1`),
    };
  },
};
