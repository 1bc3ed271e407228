import { sql } from 'drizzle-orm';
import { countOf, jsonRows, texts, type PersonalDataPart } from '../../platform/privacy/registry.js';

/**
 * Intake's part of the personal-data map (issue 6): the application (aanmelding), its people and
 * children, the intake and the referrer notices. Erasure keeps the application row (trajectories
 * point at it) stripped to reference, channel, municipality, location, status and dates.
 */
export const intakePersonalData: PersonalDataPart = {
  module: 'intake',
  async emailsOf(tx, orgId, scope) {
    return texts(
      tx,
      sql`select p.email as v from application_people p where p.org_id = ${orgId} and p.application_id = ${scope.applicationId} and p.email is not null
          union all
          select a.referrer_email from applications a where a.org_id = ${orgId} and a.id = ${scope.applicationId} and a.referrer_email is not null`,
    );
  },
  async exportFor(tx, orgId, scope) {
    const app = sql`org_id = ${orgId} and application_id = ${scope.applicationId}`;
    return {
      application: await jsonRows(
        tx,
        sql`select to_jsonb(a) - 'org_id' - 'match_key' - 'possible_duplicate_of' - 'duplicate_resolution' - 'merged_into' - 'reminder_sent_at' as r
              from applications a where a.org_id = ${orgId} and a.id = ${scope.applicationId}`,
      ),
      people: await jsonRows(tx, sql`select to_jsonb(p) - 'org_id' - 'application_id' as r from application_people p where ${app} order by position`),
      children: await jsonRows(tx, sql`select to_jsonb(c) - 'org_id' - 'application_id' as r from application_children c where ${app} order by position`),
      intake: await jsonRows(tx, sql`select to_jsonb(i) - 'org_id' - 'application_id' as r from intakes i where ${app}`),
      referrerNotices: await jsonRows(tx, sql`select to_jsonb(n) - 'org_id' - 'application_id' as r from referrer_notices n where ${app} order by sent_at`),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const app = sql`org_id = ${orgId} and application_id = ${scope.applicationId}`;
    return {
      application_people: await countOf(tx, sql`delete from application_people where ${app} returning 1`),
      application_children: await countOf(tx, sql`delete from application_children where ${app} returning 1`),
      intakes: await countOf(tx, sql`delete from intakes where ${app} returning 1`),
      referrer_notices: await countOf(tx, sql`delete from referrer_notices where ${app} returning 1`),
      applications: await countOf(
        tx,
        sql`update applications set referrer_name = null, referrer_organisation = null, referrer_email = null, referrer_phone = null, postcode = null,
                   suggested_referral = null, conflict_summary = '', institutions = '[]'::jsonb, hearing_date = null, urgency_note = null,
                   possible_duplicate_of = null, duplicate_resolution = null, parent_user_id = null, match_key = 'erased:' || id::text, updated_at = now()
             where org_id = ${orgId} and id = ${scope.applicationId} returning 1`,
      ),
    };
  },
};
