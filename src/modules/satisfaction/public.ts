import { randomToken, sha256 } from '../../platform/auth/sessions.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { t } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { INVITATION_DAYS } from '../../shared/satisfaction.js';
import { parentContactOf } from '../intake/public.js';
import { satisfactionInvitations } from './tables.js';
import { and, eq } from 'drizzle-orm';
import './messages.js';

// What other modules may use of the satisfaction module (issue 5).


/**
 * At closing, the parent gets a single-use link to the questionnaire (tevredenheidsmonitor) by mail:
 * `<publicUrl>/tevredenheid/<orgId>.<random>` (the organisation in front, as in reset links, so the
 * public page can open the right tenant; 32 random bytes, base64url). Only the sha256 of the random
 * part is stored. At most once per trajectory (unique index; a second call does nothing).
 *
 * Mail choice: it runs inside the closing transaction, so the mail is sent there and a failure is
 * caught: the closing must not be undone because a mail server is down. The invitation then stays
 * with sent_at null (recorded, no personal data anywhere); nobody knows its token, so a later resend
 * would issue a fresh token for that row. No address known: the invitation is recorded unsent too.
 * Returns whether a mail went out.
 */
export async function inviteToQuestionnaire(
  tx: Executor,
  ctx: { mailer: Mailer; publicUrl: string },
  tr: { orgId: string; trajectoryId: string; applicationId: string },
): Promise<boolean> {
  const secret = randomToken();
  const now = new Date();
  const id = uuidv7();
  const inserted = await tx
    .insert(satisfactionInvitations)
    .values({ orgId: tr.orgId, id, trajectoryId: tr.trajectoryId, tokenHash: sha256(secret), expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000) })
    .onConflictDoNothing()
    .returning({ id: satisfactionInvitations.id });
  if (!inserted.length) return false;
  const contact = await parentContactOf(tx, tr.orgId, tr.applicationId);
  // The parent's contact address was read to send the link: a personal-data use by the system.
  await recordAudit(tx, {
    orgId: tr.orgId,
    actorUserId: null,
    actorRole: 'system',
    subjectId: contact?.parentUserId ?? null,
    action: 'create',
    resourceType: 'satisfaction_invitation',
    resourceId: id,
    reason: contact?.email ? 'questionnaire at closing' : 'questionnaire at closing: no e-mail address',
  });
  if (!contact?.email) return false;
  const link = `${ctx.publicUrl.replace(/\/$/, '')}/tevredenheid/${tr.orgId}.${secret}`;
  try {
    await ctx.mailer.send({
      to: contact.email,
      subject: `${t('nl', 'mail.questionnaire.subject')} | ${t('en', 'mail.questionnaire.subject')}`,
      text: `${t('nl', 'mail.questionnaire.body', { link })}\n\n---\n\n${t('en', 'mail.questionnaire.body', { link })}\n`,
    });
  } catch {
    // Deliberately swallowed (see above): sent_at stays null, which is the record of the failure.
    return false;
  }
  await tx
    .update(satisfactionInvitations)
    .set({ sentAt: new Date() })
    .where(and(eq(satisfactionInvitations.orgId, tr.orgId), eq(satisfactionInvitations.id, id)));
  return true;
}
