import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { randomToken, sha256 } from '../../platform/auth/sessions.js';
import { recordAudit } from '../../platform/audit/index.js';
import { execRows, type Database, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { t } from '../../platform/i18n/index.js';
import type { ScheduledJob } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { INVITATION_DAYS } from '../../shared/satisfaction.js';
import { parentContactOf } from '../intake/public.js';
import { trajectoryPlaceOf } from '../trajectories/public.js';
import { satisfactionInvitations } from './tables.js';
import './messages.js';

/** A failed questionnaire mail is tried again after 15 minutes, then twice as long each time (at most a day). */
export const RESEND_BASE_MINUTES = 15;
/** Attempts in all (the one at closing included): about 1.5 days of trying, then it stays unsent. */
export const MAX_SEND_ATTEMPTS = 8;
const BATCH = 100;

type MailContext = { mailer: Mailer; publicUrl: string };

/** When the attempt after `attempts` attempts may run: 15 min × 2^(attempts−1), at most 24 hours. */
export function nextAttemptAfter(attempts: number, now: Date): Date {
  const minutes = Math.min(RESEND_BASE_MINUTES * 2 ** Math.max(0, attempts - 1), 24 * 60);
  return new Date(now.getTime() + minutes * 60_000);
}

/**
 * Reads the parent's address (audited as the system), mails the link and marks the invitation sent.
 * A failing mail server or no address: false, sent_at stays null (the record of it; no personal
 * data anywhere) and the resend job tries again later. Never throws for the mail: the closing that
 * calls it must not be undone because a mail server is down.
 */
async function mailInvitation(
  tx: Executor,
  ctx: MailContext,
  inv: { orgId: string; id: string; applicationId: string; secret: string },
  what: { action: 'create' | 'update'; reason: string },
): Promise<boolean> {
  const contact = await parentContactOf(tx, inv.orgId, inv.applicationId);
  // The parent's contact address was read to send the link: a personal-data use by the system.
  await recordAudit(tx, {
    orgId: inv.orgId,
    actorUserId: null,
    actorRole: 'system',
    subjectId: contact?.parentUserId ?? null,
    action: what.action,
    resourceType: 'satisfaction_invitation',
    resourceId: inv.id,
    reason: contact?.email ? what.reason : `${what.reason}: no e-mail address`,
  });
  if (!contact?.email) return false;
  const link = `${ctx.publicUrl.replace(/\/$/, '')}/tevredenheid/${inv.orgId}.${inv.secret}`;
  try {
    await ctx.mailer.send({
      to: contact.email,
      subject: `${t('nl', 'mail.questionnaire.subject')} | ${t('en', 'mail.questionnaire.subject')}`,
      text: `${t('nl', 'mail.questionnaire.body', { link })}\n\n---\n\n${t('en', 'mail.questionnaire.body', { link })}\n`,
    });
  } catch {
    // Deliberately swallowed (see above): sent_at stays null and next_attempt_at says when to retry.
    return false;
  }
  await tx
    .update(satisfactionInvitations)
    .set({ sentAt: new Date() })
    .where(and(eq(satisfactionInvitations.orgId, inv.orgId), eq(satisfactionInvitations.id, inv.id)));
  return true;
}

/**
 * At closing, the parent gets a single-use link to the questionnaire (tevredenheidsmonitor) by mail:
 * `<publicUrl>/tevredenheid/<orgId>.<random>` (the organisation in front, as in reset links, so the
 * public page can open the right tenant; 32 random bytes, base64url). Only the sha256 of the random
 * part is stored. At most once per trajectory (unique index; a second call does nothing).
 *
 * It runs inside the closing transaction: a failed mail (or no address yet) leaves the invitation
 * unsent with its next attempt time, and the job `satisfaction-invitation-resend` sends it later with a
 * fresh token (nobody knows the first one). Returns whether a mail went out now.
 */
export async function inviteToQuestionnaire(tx: Executor, ctx: MailContext, tr: { orgId: string; trajectoryId: string; applicationId: string }): Promise<boolean> {
  const secret = randomToken();
  const now = new Date();
  const id = uuidv7();
  const inserted = await tx
    .insert(satisfactionInvitations)
    .values({
      orgId: tr.orgId,
      id,
      trajectoryId: tr.trajectoryId,
      tokenHash: sha256(secret),
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      sendAttempts: 1,
      nextAttemptAt: nextAttemptAfter(1, now),
    })
    .onConflictDoNothing()
    .returning({ id: satisfactionInvitations.id });
  if (!inserted.length) return false;
  return mailInvitation(tx, ctx, { orgId: tr.orgId, id, applicationId: tr.applicationId, secret }, { action: 'create', reason: 'questionnaire at closing' });
}

/** Unsent, unused, not expired, attempts left and its pause over. */
const due = (now: Date) =>
  and(
    isNull(satisfactionInvitations.sentAt),
    isNull(satisfactionInvitations.usedAt),
    sql`${satisfactionInvitations.expiresAt} > ${now.toISOString()}::timestamptz`,
    lt(satisfactionInvitations.sendAttempts, MAX_SEND_ATTEMPTS),
    or(isNull(satisfactionInvitations.nextAttemptAt), lte(satisfactionInvitations.nextAttemptAt, now)),
  );

/**
 * Claims one invitation and mails it again; null when another run got it first or it is no longer
 * due. The claim (attempt + 1, next attempt time, a fresh token hash) is the update that also picks
 * it, so two runs never both send; it commits also when the mail fails, so the pause grows.
 */
async function resendOne(db: Database, ctx: MailContext, orgId: string, id: string, now: Date): Promise<boolean | null> {
  return db.withTenant(orgId, async (tx) => {
    const secret = randomToken();
    const [inv] = await tx
      .update(satisfactionInvitations)
      .set({
        tokenHash: sha256(secret),
        sendAttempts: sql`${satisfactionInvitations.sendAttempts} + 1`,
        nextAttemptAt: sql`${now.toISOString()}::timestamptz + least(interval '1 minute' * ${RESEND_BASE_MINUTES}::int * power(2, ${satisfactionInvitations.sendAttempts}), interval '24 hours')`,
        // The link works INVITATION_DAYS from the mail that carries it, as the mail says.
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      })
      .where(and(eq(satisfactionInvitations.orgId, orgId), eq(satisfactionInvitations.id, id), due(now)))
      .returning({ id: satisfactionInvitations.id, trajectoryId: satisfactionInvitations.trajectoryId });
    if (!inv) return null;
    const place = await trajectoryPlaceOf(tx, orgId, inv.trajectoryId);
    if (!place) return null;
    return mailInvitation(tx, ctx, { orgId, id: inv.id, applicationId: place.applicationId, secret }, { action: 'update', reason: 'questionnaire mailed again' });
  });
}

/**
 * Sends the questionnaire mails that failed (or had no address) and are due again at `now`. Safe to
 * run concurrently and repeatedly; call it outside any transaction. Counts only, for the log.
 */
export async function resendQuestionnaireInvitations(db: Database, ctx: MailContext, now: Date): Promise<{ sent: number; failed: number }> {
  // Which organisations have work: ids only, on the system path (the one cross-tenant question).
  const orgs = await db.withSystem((tx) =>
    execRows<{ org_id: string }>(tx, sql`select distinct ${satisfactionInvitations.orgId} as org_id from ${satisfactionInvitations} where ${due(now)}`),
  );
  const result = { sent: 0, failed: 0 };
  for (const { org_id: orgId } of orgs) {
    const ids = await db.withTenant(orgId, (tx) =>
      tx
        .select({ id: satisfactionInvitations.id })
        .from(satisfactionInvitations)
        .where(and(eq(satisfactionInvitations.orgId, orgId), due(now)))
        .orderBy(satisfactionInvitations.nextAttemptAt, satisfactionInvitations.id)
        .limit(BATCH),
    );
    // One transaction per invitation: a mail that fails holds back only its own.
    for (const { id } of ids) {
      const sent = await resendOne(db, ctx, orgId, id, now);
      if (sent === true) result.sent++;
      else if (sent === false) result.failed++;
    }
  }
  return result;
}

/** The satisfaction module's scheduled work (listed in src/jobs.ts). */
export const satisfactionJobs: ScheduledJob[] = [
  {
    name: 'satisfaction-invitation-resend',
    cron: '*/15 * * * *',
    expireInSeconds: 600,
    run: ({ db, mailer, config, now }) => resendQuestionnaireInvitations(db, { mailer, publicUrl: config.publicUrl }, now),
  },
];
