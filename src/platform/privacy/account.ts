import { sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { countOf, jsonRows, texts, uuids, type PersonalDataPart } from './registry.js';

/**
 * The parent's own account (platform users) and what hangs on it: sessions, sign-in links, resets,
 * recovery codes, invitations and mails in the outbox to the family's addresses. The user row stays
 * (audit events and requests point at it by id) but its name and address are replaced and it can no
 * longer sign in. Audit events stay: they hold ids, not names. The global sign-in directory is
 * cleared by the caller outside the tenant transaction (`login_directory` is platform-only).
 */
export const accountPersonalData: PersonalDataPart = {
  module: 'account',
  async emailsOf(tx, orgId, scope) {
    if (!scope.parentUserId) return [];
    return texts(tx, sql`select u.email as v from users u where u.org_id = ${orgId} and u.id = ${scope.parentUserId}`);
  },
  async exportFor(tx, orgId, scope) {
    if (!scope.parentUserId) return { account: [] };
    return {
      account: await jsonRows(
        tx,
        sql`select jsonb_build_object('email', u.email, 'displayName', u.display_name, 'language', u.language, 'status', u.status,
                                      'twoFactor', u.totp_enabled_at is not null, 'createdAt', u.created_at) as r
              from users u where u.org_id = ${orgId} and u.id = ${scope.parentUserId} and u.role = 'parent'`,
      ),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const emails = (scope.emails ?? []).map((e) => e.toLowerCase());
    const counts: Record<string, number> = {};
    counts.mail_outbox = emails.length
      ? await countOf(tx, sql`delete from mail_outbox where org_id = ${orgId} and lower(to_address) = any(${sql.param(emails)}::text[]) returning 1`)
      : 0;
    counts.invitations = await countOf(
      tx,
      sql`delete from invitations where org_id = ${orgId}
            and (link_ref = ${`application:${scope.applicationId}`} or (role = 'parent' and lower(email) = any(${sql.param(emails)}::text[]))) returning 1`,
    );
    if (!scope.parentUserId) return counts;
    // Another family (a second application) of the same account keeps the account.
    const [other] = await jsonRows(
      tx,
      sql`select to_jsonb(count(*)) as r from applications where org_id = ${orgId} and parent_user_id = ${scope.parentUserId} and id <> ${scope.applicationId}`,
    );
    if (Number(other) > 0) return counts;
    const user = sql`org_id = ${orgId} and user_id = ${scope.parentUserId}`;
    counts.sessions = await countOf(tx, sql`delete from sessions where ${user} returning 1`);
    counts.sign_in_links = await countOf(tx, sql`delete from sign_in_links where ${user} returning 1`);
    counts.password_resets = await countOf(tx, sql`delete from password_resets where ${user} returning 1`);
    counts.recovery_codes = await countOf(tx, sql`delete from recovery_codes where ${user} returning 1`);
    counts.calendar_feeds = await countOf(tx, sql`delete from calendar_feeds where ${user} returning 1`);
    counts.users = await countOf(
      tx,
      sql`update users set email = 'erased-' || id::text || '@erased.invalid', display_name = '-', password_hash = null, totp_secret_enc = null,
                           totp_enabled_at = null, status = 'deactivated', updated_at = now()
           where org_id = ${orgId} and id = any(${uuids([scope.parentUserId])}) and role = 'parent' returning 1`,
    );
    return counts;
  },
};

/**
 * The global sign-in directory still maps an erased account's old address: remove it (platform
 * table, owner connection, after the tenant transaction committed). Idempotent; touches only an
 * account whose row was anonymised.
 */
export async function clearSignInDirectory(db: Database, orgId: string, userId: string | null): Promise<void> {
  if (!userId) return;
  await db.withSystem((tx) =>
    tx.execute(sql`delete from login_directory d using users u where u.org_id = d.org_id and u.id = d.user_id and d.org_id = ${orgId} and d.user_id = ${userId}
                      and u.email like 'erased-%@erased.invalid'`),
  );
}
