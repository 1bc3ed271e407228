import { sql } from 'drizzle-orm';
import { execRows } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { countOf, jsonRows, uuids, type PersonalDataPart } from '../../platform/privacy/registry.js';
import { CLOSING_PHASES, type TPhase } from '../../shared/trajectories.js';
import { releaseCaseload } from '../matching/public.js';

/**
 * The trajectories module's part of the personal-data map (issue 6). Erasure deletes the plan,
 * contacts, meetings and agreements; the trajectory row stays, stripped to what aggregate reports
 * need (location, dates, phase, outcome, minutes), with erased_at set; phase events keep their
 * phases and times but lose their reasons.
 */
export const trajectoriesPersonalData: PersonalDataPart = {
  module: 'trajectories',
  async exportFor(tx, orgId, scope) {
    const ids = uuids(scope.trajectoryIds);
    const of = sql`org_id = ${orgId} and trajectory_id = any(${ids})`;
    return {
      trajectories: await jsonRows(
        tx,
        sql`select jsonb_build_object('id', t.id, 'phase', t.phase, 'startedAt', t.started_at, 'endedAt', t.ended_at, 'outcome', t.outcome,
                                      'outcomeNote', t.outcome_note, 'closedAt', t.closed_at, 'aftercareUntil', t.aftercare_until,
                                      'volunteer', (select u.display_name from users u where u.org_id = t.org_id and u.id = t.lead_volunteer_id),
                                      'coordinator', (select u.display_name from users u where u.org_id = t.org_id and u.id = t.coach_user_id),
                                      'volunteerMinutes', t.volunteer_minutes, 'professionalMinutes', t.professional_minutes) as r
              from trajectories t where t.org_id = ${orgId} and t.id = any(${ids}) order by t.started_at`,
      ),
      phaseEvents: await jsonRows(tx, sql`select to_jsonb(e) - 'org_id' - 'actor_user_id' as r from trajectory_phase_events e where ${of} order by at`),
      familyMap: await jsonRows(tx, sql`select to_jsonb(m) - 'org_id' as r from family_map_members m where ${of} order by position, id`),
      helpQuestions: await jsonRows(tx, sql`select to_jsonb(h) - 'org_id' as r from help_questions h where ${of} order by position, id`),
      selfReliance: await jsonRows(tx, sql`select to_jsonb(s) - 'org_id' - 'recorded_by' as r from self_reliance_scores s where ${of} order by recorded_on, id`),
      meetings: await jsonRows(tx, sql`select to_jsonb(m) - 'org_id' - 'created_by' as r from meetings m where ${of} order by scheduled_at, id`),
      contacts: await jsonRows(tx, sql`select to_jsonb(c) - 'org_id' - 'created_by' as r from trajectory_contacts c where ${of} order by occurred_on, id`),
      agreements: await jsonRows(tx, sql`select to_jsonb(a) - 'org_id' - 'created_by' as r from agreements a where ${of} order by created_at, id`),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const ids = uuids(scope.trajectoryIds);
    const of = sql`org_id = ${orgId} and trajectory_id = any(${ids})`;
    const counts: Record<string, number> = {};
    counts.agreements = await countOf(tx, sql`delete from agreements where ${of} returning 1`);
    counts.trajectory_contacts = await countOf(tx, sql`delete from trajectory_contacts where ${of} returning 1`);
    counts.self_reliance_scores = await countOf(tx, sql`delete from self_reliance_scores where ${of} returning 1`);
    counts.help_questions = await countOf(tx, sql`delete from help_questions where ${of} returning 1`);
    counts.family_map_members = await countOf(tx, sql`delete from family_map_members where ${of} returning 1`);
    counts.meetings = await countOf(tx, sql`delete from meetings where ${of} returning 1`);
    // Erased while still running (an accepted erasure request): the trajectory ends now, and while in
    // support its volunteer's place counts again for matching, as when support ends normally.
    const running = await execRows<{ id: string; phase: string; lead_volunteer_id: string }>(
      tx,
      sql`select id::text, phase, lead_volunteer_id::text from trajectories where org_id = ${orgId} and id = any(${ids}) and phase <> 'ended' for update`,
    );
    for (const r of running) {
      if (!CLOSING_PHASES.includes(r.phase as TPhase)) await releaseCaseload(tx, orgId, r.lead_volunteer_id);
      await tx.execute(sql`insert into trajectory_phase_events (org_id, id, trajectory_id, from_phase, to_phase, reason) values (${orgId}, ${uuidv7()}, ${r.id}, ${r.phase}, 'ended', '')`);
      await tx.execute(sql`update trajectories set phase = 'ended', ended_at = coalesce(ended_at, now()), phase_changed_at = now() where org_id = ${orgId} and id = ${r.id}`);
    }
    counts.trajectory_phase_events = await countOf(tx, sql`update trajectory_phase_events set reason = '' where ${of} returning 1`);
    counts.trajectories = await countOf(
      tx,
      sql`update trajectories set outcome_note = null, erased_at = coalesce(erased_at, now()), updated_at = now()
           where org_id = ${orgId} and id = any(${ids}) returning 1`,
    );
    return counts;
  },
};

/** The trajectories of these applications (newest first): the privacy module builds a family's scope from it. */
export async function trajectoriesOfApplication(
  tx: Parameters<PersonalDataPart['exportFor']>[0],
  orgId: string,
  applicationId: string,
): Promise<Array<{ id: string; phase: string; locationId: string | null; endedAt: string | null; erasedAt: string | null }>> {
  const rows = await jsonRows(
    tx,
    sql`select jsonb_build_object('id', id, 'phase', phase, 'locationId', location_id, 'endedAt', ended_at, 'erasedAt', erased_at) as r
          from trajectories where org_id = ${orgId} and application_id = ${applicationId} order by started_at desc, id desc`,
  );
  return rows as Array<{ id: string; phase: string; locationId: string | null; endedAt: string | null; erasedAt: string | null }>;
}
