import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/index.js';
import { users } from '../../platform/auth/tables.js';
import { execRows, type Database } from '../../platform/db/index.js';
import { t, type Lang } from '../../platform/i18n/index.js';
import type { ScheduledJob } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { trajectoryReminderInfo } from '../trajectories/public.js';
import './messages.js';
import { deadlines } from './tables.js';

/**
 * Deadline reminders (issue 5): when a deadline's remind_at has passed, the lead volunteer and the coach
 * get one mail: "a deadline is coming up on <date>", the family reference and a link to the dossier.
 * No names, no rule, no content.
 *
 * Once only, durably, as the first-contact reminder (src/modules/intake/reminders.ts): the claim
 * (`update … set reminder_sent_at … returning`) and the mails are one tenant transaction per
 * deadline; a concurrent run waits for the row and then finds it claimed; a failed mail rolls the
 * claim back and the next run tries again. Audit: actor 'system', action 'update' on the deadline.
 */

const BATCH = 200;
const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** e.g. "donderdag 4 juni 2026" — a calendar date, so formatted at noon UTC to never slip a day. */
export function formatDay(ymd: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', dateStyle: 'full' }).format(new Date(`${ymd}T12:00:00Z`));
}

const due = (now: Date) => and(eq(deadlines.status, 'open'), isNull(deadlines.reminderSentAt), lte(deadlines.remindAt, now));

export type DeadlineReminderResult = { reminded: number; mails: number };

async function remindOne(db: Database, mailer: Mailer, orgId: string, id: string, now: Date, publicUrl: string): Promise<number | null> {
  return db.withTenant(orgId, async (tx) => {
    const [d] = await tx
      .update(deadlines)
      .set({ reminderSentAt: now })
      .where(and(eq(deadlines.orgId, orgId), eq(deadlines.id, id), due(now)))
      .returning({ id: deadlines.id, trajectoryId: deadlines.trajectoryId, dueOn: deadlines.dueOn });
    if (!d) return null;
    const info = await trajectoryReminderInfo(tx, orgId, d.trajectoryId);
    // An ended trajectory's leftover deadlines are claimed but not mailed: nobody works on that family any more.
    const ids = info && !info.ended ? [info.leadVolunteerId, ...(info.coachUserId ? [info.coachUserId] : [])] : [];
    const to = ids.length
      ? await tx
          .select({ email: users.email, language: users.language })
          .from(users)
          .where(and(eq(users.orgId, orgId), inArray(users.id, ids), eq(users.status, 'active')))
          .orderBy(users.id)
      : [];
    const link = `${publicUrl.replace(/\/+$/, '')}/trajecten/${d.trajectoryId}`;
    const text = (lang: Lang) => t(lang, 'mail.deadline_reminder.body', { reference: info!.reference, date: formatDay(d.dueOn, lang), link });
    for (const r of to) {
      const first: Lang = r.language === 'en' ? 'en' : 'nl';
      const second: Lang = first === 'nl' ? 'en' : 'nl';
      await mailer.send({
        to: r.email,
        subject: t(first, 'mail.deadline_reminder.subject', { reference: info!.reference }),
        text: `${text(first)}\n\n---\n\n${text(second)}\n`,
      });
    }
    await recordAudit(tx, {
      orgId,
      actorRole: 'system',
      action: 'update',
      resourceType: 'deadline',
      resourceId: d.id,
      reason: `deadline reminder mailed to ${to.length} ${to.length === 1 ? 'person' : 'people'}`,
    });
    return to.length;
  });
}

/** Sends the deadline reminders due at `now`. Safe to run concurrently and repeatedly; call it outside any transaction. */
export async function sendDeadlineReminders(db: Database, mailer: Mailer, now: Date, publicUrl: string): Promise<DeadlineReminderResult> {
  const orgs = await db.withSystem((tx) => execRows<{ org_id: string }>(tx, sql`select distinct ${deadlines.orgId} as org_id from ${deadlines} where ${due(now)}`));
  const result: DeadlineReminderResult = { reminded: 0, mails: 0 };
  for (const { org_id: orgId } of orgs) {
    const ids = await db.withTenant(orgId, (tx) =>
      tx.select({ id: deadlines.id }).from(deadlines).where(and(eq(deadlines.orgId, orgId), due(now))).orderBy(deadlines.remindAt, deadlines.id).limit(BATCH),
    );
    for (const { id } of ids) {
      const sent = await remindOne(db, mailer, orgId, id, now, publicUrl);
      if (sent === null) continue;
      result.reminded++;
      result.mails += sent;
    }
  }
  return result;
}

/** The legal module's scheduled work (listed in src/jobs.ts). */
export const legalJobs: ScheduledJob[] = [
  {
    // Every 15 minutes: reminders are planned for 08:00 on their day, a quarter of an hour late at most.
    name: 'legal-deadline-reminders',
    cron: '*/15 * * * *',
    expireInSeconds: 600,
    run: ({ db, mailer, now, config }) => sendDeadlineReminders(db, mailer, now, config.publicUrl),
  },
];
