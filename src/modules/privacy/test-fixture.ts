import { uuidv7 } from '../../platform/db/ids.js';

/** What a fixture needs of a database: raw statements as the owner (test and bench databases). */
interface RawDb {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface FullDossier {
  applicationId: string;
  trajectoryId: string;
  contactIds: string[];
  agreementId: string;
  helpQuestionId: string;
  familyMemberId: string;
  reportId: string;
  documentId: string;
}

/**
 * A family with a row in every table of the personal-data map, each text carrying `marker` (a
 * name nobody else has), written straight into the tables: the privacy tests scan for the marker
 * after erasure, the export tests look for it in every part, the bench asks for a large dossier.
 */
export async function insertFullDossier(
  db: RawDb,
  o: {
    orgId: string;
    locationId: string;
    parentUserId: string | null;
    leadUserId: string;
    marker: string;
    email: string;
    contacts?: number;
    documents?: number;
    phase?: string;
    endedAt?: Date | null;
    outcome?: string | null;
  },
): Promise<FullDossier> {
  const { orgId, marker: m } = o;
  const q = (text: string, params: unknown[]) => db.query(text, [orgId, ...params]);
  const applicationId = uuidv7();
  const trajectoryId = uuidv7();
  const now = new Date().toISOString();
  await q(
    `insert into applications (org_id, id, reference, channel, referrer_type, referrer_name, referrer_email, parent_agreed_to_referral, referrer_may_be_told,
                               municipality_code, location_id, queue, conflict_summary, institutions, preferred_language, postcode, urgency_note,
                               consent_at, privacy_statement_version, received_at, first_contact_due_at, status, accepted_at, parent_user_id, match_key)
     values ($1, $2, $3, 'referrer', 'youth_protection', $4, $5, true, true, 'GM0794', $6, 'location', $7, $8::jsonb, 'nl', '5701AB', $9,
             $10, 'v1', $10, $10, 'matched', $10, $11, $12)`,
    [applicationId, `P-${applicationId.slice(-12)}`, `Verwijzer ${m}`, `verwijzer.${o.email}`, o.locationId, `Conflict van ${m} met de GI`,
     JSON.stringify([{ kind: 'gi', name: `GI van ${m}` }]), `Zitting ${m}`, now, o.parentUserId, `${m.toLowerCase()}|2015|GM0794`],
  );
  await q(`insert into application_people (org_id, application_id, id, position, relation, first_name, last_name, email, phone, safe_contact_note)
           values ($1, $2, $3, 0, 'parent', 'Ouder', $4, $5, '0612345678', $6)`, [applicationId, uuidv7(), m, o.email, `Niet bellen, ${m}`]);
  await q(`insert into application_children (org_id, application_id, id, position, first_name, birth_year, measure) values ($1, $2, $3, 0, $4, 2015, 'ots')`,
    [applicationId, uuidv7(), `Kind${m}`]);
  await q(`insert into intakes (org_id, application_id, held_at, help_questions, goals, risks, decision, decided_by, decided_at)
           values ($1, $2, $3, $4::jsonb, $5, $6, 'accept_matching', $7, $3)`, [applicationId, now, JSON.stringify([`Vraag van ${m}`]), `Doel ${m}`, `Risico ${m}`, o.leadUserId]);
  await q(`insert into referrer_notices (org_id, application_id, kind, sent_at) values ($1, $2, 'received', $3)`, [applicationId, now]);
  await q(`insert into matches (org_id, id, application_id, volunteer_user_id, status, score, reasons, confirmed_by, confirmed_at, decline_reason)
           values ($1, $2, $3, $4, 'declined', 1, $5::jsonb, $4, $6, $7)`, [uuidv7(), applicationId, o.leadUserId, JSON.stringify([{ code: 'x', note: m }]), now, `Ken ${m} al`]);
  await q(`insert into trajectories (org_id, id, application_id, location_id, lead_volunteer_id, phase, started_at, ended_at, outcome, outcome_note, closed_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $8)`,
    [trajectoryId, applicationId, o.locationId, o.leadUserId, o.phase ?? 'support', new Date(Date.now() - 400 * 86_400_000).toISOString(),
     o.endedAt ? o.endedAt.toISOString() : null, o.outcome ?? null, o.outcome ? `Uitkomst voor ${m}` : null]);
  const t = (text: string, params: unknown[]) => q(text, [trajectoryId, ...params]);
  await t(`insert into trajectory_phase_events (org_id, id, trajectory_id, from_phase, to_phase, reason) values ($1, $3, $2, null, 'intake_done', $4)`, [uuidv7(), `Start met ${m}`]);
  const familyMemberId = uuidv7();
  await t(`insert into family_map_members (org_id, id, trajectory_id, role, name, organisation, note) values ($1, $3, $2, 'youth_protection_worker', $4, 'GI', $5)`,
    [familyMemberId, `Jeugdbeschermer ${m}`, `Belt ${m}`]);
  const helpQuestionId = uuidv7();
  await t(`insert into help_questions (org_id, id, trajectory_id, question, goal, strengths, next_steps) values ($1, $3, $2, $4, $5, $6, $7)`,
    [helpQuestionId, `Hoe krijgt ${m} contact met de kinderen?`, `Doel ${m}`, `Sterk: ${m}`, `Stap ${m}`]);
  await t(`insert into self_reliance_scores (org_id, id, trajectory_id, help_question_id, score, recorded_on, note, recorded_by) values ($1, $3, $2, $4, 3, '2026-01-10', $5, $6)`,
    [uuidv7(), helpQuestionId, `Score ${m}`, o.leadUserId]);
  const meetingId = uuidv7();
  await t(`insert into meetings (org_id, id, trajectory_id, title, with_whom, scheduled_at, place, status, prep_goal, evaluation, created_by)
           values ($1, $3, $2, $4, $5, $6, $7, 'held', $8, $9, $10)`,
    [meetingId, `Gesprek ${m}`, `GI van ${m}`, now, `Huis van ${m}`, `Voorbereiding ${m}`, `Evaluatie ${m}`, o.leadUserId]);
  const contactIds: string[] = [];
  const n = o.contacts ?? 1;
  for (let i = 0; i < n; i++) contactIds.push(uuidv7());
  for (let from = 0; from < n; from += 200) {
    const ids = contactIds.slice(from, from + 200);
    const values = ids.map((_, j) => `($1, $${4 + j * 2}, $2, 'phone', '2026-02-01', 30, 0, '["ouder"]'::jsonb, $${5 + j * 2}, $3)`);
    const params = ids.flatMap((id, j) => [id, `Contactnotitie ${from + j + 1}: ${m} belde over het omgangsgesprek op school.`]);
    await db.query(
      `insert into trajectory_contacts (org_id, id, trajectory_id, kind, occurred_on, volunteer_minutes, professional_minutes, participants, note, created_by) values ${values.join(', ')}`,
      [orgId, trajectoryId, o.leadUserId, ...params],
    );
  }
  const agreementId = uuidv7();
  await t(`insert into agreements (org_id, id, trajectory_id, party, party_name, description, status_note, created_by) values ($1, $3, $2, 'professional', $4, $5, $6, $7)`,
    [agreementId, `Jeugdbeschermer ${m}`, `${m} krijgt elke week een telefoontje`, `Status ${m}`, o.leadUserId]);
  const measureId = uuidv7();
  await t(`insert into child_measures (org_id, id, trajectory_id, child_name, measure, starts_on, note, created_by) values ($1, $3, $2, $4, 'ots', '2025-06-01', $5, $6)`,
    [measureId, `Kind${m}`, `OTS ${m}`, o.leadUserId]);
  const decisionId = uuidv7();
  await t(`insert into court_decisions (org_id, id, trajectory_id, measure_id, kind, decided_on, summary, created_by) values ($1, $3, $2, $4, 'court_decision', '2025-06-01', $5, $6)`,
    [decisionId, measureId, `Beschikking ${m}`, o.leadUserId]);
  await t(`insert into deadlines (org_id, id, trajectory_id, rule_code, court_decision_id, title, due_on) values ($1, $3, $2, 'manual', $4, $5, '2026-09-01')`,
    [uuidv7(), decisionId, `Termijn ${m}`]);
  const reportId = uuidv7();
  await t(`insert into meeting_reports (org_id, id, trajectory_id, meeting_id, status, parent_comment, created_by) values ($1, $3, $2, $4, 'draft', $5, $6)`,
    [reportId, meetingId, `Opmerking ${m}`, o.leadUserId]);
  await q(`insert into meeting_report_versions (org_id, report_id, version, body, note, author_user_id) values ($1, $2, 1, $3, $4, $5)`,
    [reportId, `Verslag: ${m} en de jeugdbeschermer spraken af dat de school belt.`, `Versie ${m}`, o.leadUserId]);
  let documentId = '';
  for (let i = 0; i < (o.documents ?? 1); i++) {
    const id = uuidv7();
    if (!documentId) documentId = id;
    await t(`insert into documents (org_id, id, trajectory_id, kind, title, file_name, mime_type, size_bytes, sha256, uploaded_by) values ($1, $3, $2, 'letter_received', $4, $5, 'application/pdf', 10, 'abc', $6)`,
      [id, `Brief over ${m} ${i + 1}`, `${m}-${i + 1}.pdf`, o.leadUserId]);
    await q(`insert into document_contents (org_id, document_id, key_id, iv, auth_tag, ciphertext) values ($1, $2, 'dev', $3, $3, $4)`,
      [id, Buffer.from('0123456789ab'), Buffer.from(`geheim ${m}`)]);
  }
  const letterId = uuidv7();
  await t(`insert into letters (org_id, id, trajectory_id, template, title, created_by) values ($1, $3, $2, 'objection', $4, $5)`, [letterId, `Bezwaar ${m}`, o.leadUserId]);
  await q(`insert into letter_versions (org_id, letter_id, version, body, author_user_id) values ($1, $2, 1, $3, $4)`, [letterId, `Geachte heer, ${m} maakt bezwaar.`, o.leadUserId]);
  await t(`insert into satisfaction_invitations (org_id, id, trajectory_id, token_hash, expires_at) values ($1, $3, $2, $4, $5)`, [uuidv7(), `hash-${uuidv7()}`, now]);
  await t(`insert into aftercare_requests (org_id, id, trajectory_id, kind, note, created_by) values ($1, $3, $2, 'advice', $4, $5)`, [uuidv7(), `Advies ${m}`, o.leadUserId]);
  const recipientId = uuidv7();
  await t(`insert into consent_recipients (org_id, id, trajectory_id, kind, name, organisation, email, created_by) values ($1, $3, $2, 'lawyer', $4, 'Advocatenkantoor', $5, $6)`,
    [recipientId, `Advocaat ${m}`, `advocaat.${o.email}`, o.leadUserId]);
  const consentId = uuidv7();
  await t(`insert into consents (org_id, id, trajectory_id, recipient_id, purpose, categories, valid_from, valid_until, given_via, staff_note, recorded_by)
           values ($1, $3, $2, $4, $5, '{reports}', '2026-01-01', '2027-01-01', 'staff', $6, $7)`, [consentId, recipientId, `Zaak van ${m}`, `Gesprek met ${m}`, o.leadUserId]);
  await t(`insert into shares (org_id, id, trajectory_id, consent_id, recipient_id, category, resource_type, resource_id, channel, shared_by)
           values ($1, $3, $2, $4, $5, 'reports', 'meeting_report', $6, 'handed_over', $7)`, [uuidv7(), consentId, recipientId, reportId, o.leadUserId]);
  if (o.parentUserId) {
    await t(`insert into correction_requests (org_id, id, trajectory_id, requested_by, item_kind, item_id, requested_text, explanation) values ($1, $3, $2, $4, 'contact', $5, $6, $7)`,
      [uuidv7(), o.parentUserId, contactIds[0], `Correctie ${m}`, `Uitleg ${m}`]);
    await t(`insert into privacy_requests (org_id, id, trajectory_id, requested_by, kind, text) values ($1, $3, $2, $4, 'objection', $5)`, [uuidv7(), o.parentUserId, `Bezwaar van ${m}`]);
  }
  await q(`insert into mail_outbox (org_id, id, to_address, subject, text_body) values ($1, $2, $3, 'Er is iets nieuws voor u in Naast', 'Kijk in Naast.')`, [uuidv7(), o.email]);
  return { applicationId, trajectoryId, contactIds, agreementId, helpQuestionId, familyMemberId, reportId, documentId };
}
