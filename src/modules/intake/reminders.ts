import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/index.js';
import { userLocations, users } from '../../platform/auth/tables.js';
import { execRows, type Database, type Executor } from '../../platform/db/index.js';
import { addMessages, t, type Lang } from '../../platform/i18n/index.js';
import type { ScheduledJob } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { applications, publicFormThrottle } from './tables.js';

/**
 * The first-contact reminder (issue 4, "Routing and the first-contact deadline"): before an
 * application's first-contact deadline passes, the coordinators of its location get one mail.
 *
 * Once only, durably: the job claims an application by setting `reminder_sent_at` in the same tenant
 * transaction that sends the mails. A second run at the same moment (another server process, a retry)
 * waits for that row and then no longer finds it unclaimed; a failed mail rolls the claim back, so
 * the next run (a minute later) tries again.
 *
 * Privacy: the mail holds only the reference number, the deadline and a link to the inbox; the job
 * reads no family data (only the reference, location and deadline of the application, and the
 * recipients' addresses). Audit: one event per reminder, actor 'system', action 'update' on the
 * application (the job changes it: reminder_sent_at), with the number of recipients in the reason. It
 * is not a 'share': nothing personal leaves the organisation and the recipients already see the
 * application in their inbox.
 */

/** The coordinator inbox in the web app (where the mail's link points). */
export const INBOX_PATH = '/aanmeldingen';
/** Applications looked at per organisation per run; the rest follow a minute later. */
const BATCH = 200;

addMessages('nl', {
  'mail.first_contact_reminder.subject': 'Herinnering: eerste contact voor aanmelding {reference}',
  'mail.first_contact_reminder.body':
    'Goedendag,\n\nVoor aanmelding {reference} is nog geen eerste contact vastgelegd. De termijn voor het eerste contact loopt af op {deadline}.\n\nBekijk de aanmelding in Naast:\n\n{link}\n\nU krijgt deze e-mail omdat u coördinator bent van de locatie van deze aanmelding.',
  'mail.first_contact_overdue.body':
    'Goedendag,\n\nVoor aanmelding {reference} is nog geen eerste contact vastgelegd. De termijn voor het eerste contact is verlopen op {deadline}.\n\nBekijk de aanmelding in Naast:\n\n{link}\n\nU krijgt deze e-mail omdat u coördinator bent van de locatie van deze aanmelding.',
});
addMessages('en', {
  'mail.first_contact_reminder.subject': 'Reminder: first contact for application {reference}',
  'mail.first_contact_reminder.body':
    'Hello,\n\nNo first contact has been recorded yet for application {reference}. The deadline for first contact is {deadline}.\n\nSee the application in Naast:\n\n{link}\n\nYou receive this email because you coordinate the location of this application.',
  'mail.first_contact_overdue.body':
    'Hello,\n\nNo first contact has been recorded yet for application {reference}. The deadline for first contact passed on {deadline}.\n\nSee the application in Naast:\n\n{link}\n\nYou receive this email because you coordinate the location of this application.',
});

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };
/** e.g. "dinsdag 3 maart 2026 om 17:00" / "Tuesday 3 March 2026 at 17:00", Amsterdam time. */
export function formatDeadline(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'Europe/Amsterdam', dateStyle: 'full', timeStyle: 'short' }).format(at);
}

export type ReminderResult = {
  /** Applications that got their reminder in this run. */
  reminded: number;
  /** Mails sent (one per recipient per application). */
  mails: number;
};

interface Due {
  id: string;
  reference: string;
  locationId: string | null;
  firstContactDueAt: Date;
}

const open = (now: Date, hoursBefore: number) =>
  and(
    eq(applications.status, 'new'),
    isNull(applications.firstContactAt),
    isNull(applications.reminderSentAt),
    lte(applications.firstContactDueAt, new Date(now.getTime() + hoursBefore * 3600_000)),
  );

/**
 * Who is told: the active coordinators of the application's location; for the helpdesk queue (no
 * location) all active coordinators and admins. A location without an active coordinator falls back
 * to the admins, so a reminder never goes to nobody.
 */
async function recipients(tx: Executor, orgId: string, locationId: string | null): Promise<string[]> {
  const active = and(eq(users.orgId, orgId), eq(users.status, 'active'));
  if (locationId) {
    const rows = await tx
      .select({ email: users.email })
      .from(users)
      .innerJoin(userLocations, and(eq(userLocations.orgId, users.orgId), eq(userLocations.userId, users.id)))
      .where(and(active, eq(users.role, 'coordinator'), eq(userLocations.locationId, locationId)))
      .orderBy(users.id);
    if (rows.length) return rows.map((r) => r.email);
  }
  const roles = locationId ? ['admin'] : ['coordinator', 'admin'];
  const rows = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(active, inArray(users.role, roles as Array<'admin' | 'coordinator'>)))
    .orderBy(users.id);
  return rows.map((r) => r.email);
}

/** Claims and reminds one application; null when another run got it first or it no longer qualifies. */
async function remindOne(db: Database, mailer: Mailer, orgId: string, id: string, now: Date, hoursBefore: number, inboxUrl: string): Promise<number | null> {
  return db.withTenant(orgId, async (tx) => {
    // The claim: whoever sets reminder_sent_at first sends; a concurrent run waits for this row's lock
    // and then finds it claimed (or, if we roll back, unclaimed again).
    const [app] = await tx
      .update(applications)
      .set({ reminderSentAt: now })
      .where(and(eq(applications.orgId, orgId), eq(applications.id, id), open(now, hoursBefore)))
      .returning({ id: applications.id, reference: applications.reference, locationId: applications.locationId, firstContactDueAt: applications.firstContactDueAt });
    if (!app) return null;
    const to = await recipients(tx, orgId, app.locationId);
    await sendReminderMails(mailer, to, app, now, inboxUrl);
    await recordAudit(tx, {
      orgId,
      actorRole: 'system',
      action: 'update',
      resourceType: 'application',
      resourceId: app.id,
      reason: `first-contact reminder mailed to ${to.length} ${to.length === 1 ? 'person' : 'people'}`,
    });
    return to.length;
  });
}

async function sendReminderMails(mailer: Mailer, to: string[], app: Due, now: Date, inboxUrl: string): Promise<void> {
  const overdue = app.firstContactDueAt.getTime() <= now.getTime();
  const body = overdue ? 'mail.first_contact_overdue.body' : 'mail.first_contact_reminder.body';
  const text = (lang: Lang) => t(lang, body, { reference: app.reference, deadline: formatDeadline(app.firstContactDueAt, lang), link: inboxUrl });
  const subject = `${t('nl', 'mail.first_contact_reminder.subject', { reference: app.reference })} | ${t('en', 'mail.first_contact_reminder.subject', { reference: app.reference })}`;
  // One mail per recipient: addresses of colleagues are not shown to each other.
  for (const address of to) await mailer.send({ to: address, subject, text: `${text('nl')}\n\n---\n\n${text('en')}\n` });
}

/**
 * Sends the first-contact reminders that are due at `now`: applications still 'new', without first
 * contact and without a reminder, whose deadline is at most `hoursBefore` hours away (or passed).
 * Safe to run concurrently and repeatedly. Call it outside any transaction.
 */
export async function sendFirstContactReminders(db: Database, mailer: Mailer, now: Date, hoursBefore: number, publicUrl: string): Promise<ReminderResult> {
  const inboxUrl = `${publicUrl.replace(/\/+$/, '')}${INBOX_PATH}`;
  // Which organisations have work: ids only, on the system path (the one cross-tenant question).
  const orgs = await db.withSystem((tx) =>
    execRows<{ org_id: string }>(tx, sql`select distinct ${applications.orgId} as org_id from ${applications} where ${open(now, hoursBefore)}`),
  );
  const result: ReminderResult = { reminded: 0, mails: 0 };
  for (const { org_id: orgId } of orgs) {
    const due = await db.withTenant(orgId, (tx) =>
      tx
        .select({ id: applications.id })
        .from(applications)
        .where(and(eq(applications.orgId, orgId), open(now, hoursBefore)))
        .orderBy(applications.firstContactDueAt, applications.id)
        .limit(BATCH),
    );
    // One transaction per application: a mail that fails holds back only its own reminder.
    for (const { id } of due) {
      const sent = await remindOne(db, mailer, orgId, id, now, hoursBefore, inboxUrl);
      if (sent === null) continue;
      result.reminded++;
      result.mails += sent;
    }
  }
  return result;
}

/**
 * The public form's per-address counters are only needed for their window (minutes); a day later
 * they are removed. Holds no personal data beyond a network address key, but there is no reason to keep it.
 */
export const PUBLIC_FORM_THROTTLE_RETENTION_HOURS = 24;

export async function purgePublicFormThrottle(db: Database, now: Date): Promise<number> {
  const before = new Date(now.getTime() - PUBLIC_FORM_THROTTLE_RETENTION_HOURS * 3600_000);
  const gone = await db.withSystem((tx) => tx.delete(publicFormThrottle).where(lte(publicFormThrottle.windowStart, before)).returning({ key: publicFormThrottle.key }));
  return gone.length;
}

/** The intake module's scheduled work (listed in src/jobs.ts). */
export const intakeJobs: ScheduledJob[] = [
  {
    // Every minute: a reminder is at most a minute late, and a run finds nothing to do most of the time.
    name: 'intake-first-contact-reminders',
    cron: '* * * * *',
    expireInSeconds: 300,
    run: ({ db, mailer, now, config }) => sendFirstContactReminders(db, mailer, now, config.reminderHoursBefore, config.publicUrl),
  },
  {
    name: 'intake-housekeeping',
    cron: '40 3 * * *',
    run: async ({ db, now }) => ({ publicFormThrottle: await purgePublicFormThrottle(db, now) }),
  },
];
