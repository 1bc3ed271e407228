import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabase } from '../../../test/helpers/db.js';
import { createTestOrg, type TestOrg } from '../../../test/helpers/app.js';
import { readMails } from '../../../test/helpers/users-mail.js';
import { verifyAudit } from '../../platform/audit/index.js';
import { createUser } from '../../platform/auth/accounts.js';
import { users } from '../../platform/auth/tables.js';
import { loadConfig, type Config } from '../../platform/config.js';
import { openDatabase, type Database } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { startJobs, type JobLogger, type JobRunner } from '../../platform/jobs/index.js';
import { FAST_JOBS, eventually } from '../../platform/jobs/testing.js';
import { createMailer, type Mailer } from '../../platform/mail/index.js';
import { INBOX_PATH, intakeJobs, purgePublicFormThrottle, sendFirstContactReminders } from './reminders.js';
import { applicationPeople, applications, publicFormThrottle } from './tables.js';

/**
 * Issue 4: "a reminder job notifies the location's coordinators before the deadline passes. Reminders
 * are durable: they survive a restart and run once even with two server processes (PostgreSQL mode)."
 * Applications are inserted straight into the intake tables (this file is inside the intake module).
 */

const HOUR = 3600_000;
const SECRET_NAME = 'Geheimnaam';
const SECRET_STORY = 'Het verhaal van het conflict';
const quiet: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let db: TestDatabase;
let config: Config;
let dataDir: string;
let mailer: Mailer;
let org: TestOrg;
let orgB: TestOrg;
const people: Record<string, string> = {};
let counter = 0;

async function addUser(o: TestOrg, key: string, role: 'admin' | 'coordinator' | 'volunteer', locationIds: string[], status: 'active' | 'deactivated' = 'active') {
  const email = `${key}.${o.orgId.slice(-6)}@example.org`;
  const id = await db.withSystem((tx) => createUser(tx, { orgId: o.orgId, email, displayName: `${key} persoon`, role, locationIds }));
  if (status !== 'active') await db.withSystem((tx) => tx.update(users).set({ status }).where(and(eq(users.orgId, o.orgId), eq(users.id, id))));
  people[key] = email;
}

/** An application as the intake service would store it, with a parent whose name must never reach a mail. */
async function addApplication(o: TestOrg, opts: { location: string | null; dueAt: Date; status?: string; firstContactAt?: Date }): Promise<{ id: string; reference: string }> {
  const id = uuidv7();
  const reference = `A-2026-${String(++counter).padStart(5, '0')}`;
  await db.withTenant(o.orgId, async (tx) => {
    await tx.insert(applications).values({
      orgId: o.orgId,
      id,
      reference,
      channel: 'public_form',
      referrerType: 'self',
      municipalityCode: 'GM0794',
      locationId: opts.location ? o.locationIds[opts.location]! : null,
      queue: opts.location ? 'location' : 'helpdesk',
      conflictSummary: SECRET_STORY,
      consentAt: new Date(),
      privacyStatementVersion: '2026-01',
      receivedAt: new Date(opts.dueAt.getTime() - 48 * HOUR),
      firstContactDueAt: opts.dueAt,
      firstContactAt: opts.firstContactAt ?? null,
      status: opts.status ?? 'new',
      matchKey: 'geheimnaam|2015|GM0794',
    });
    await tx.insert(applicationPeople).values({ orgId: o.orgId, applicationId: id, id: uuidv7(), position: 1, relation: 'parent', firstName: 'Anna', lastName: SECRET_NAME, email: 'anna@example.net' });
  });
  return { id, reference };
}

const mails = () => readMails(dataDir);
const mailsFor = async (reference: string) => (await mails()).filter((m) => m.subject.includes(reference));
const recipientsOf = async (reference: string) => (await mailsFor(reference)).map((m) => m.to).sort();
const sentAt = async (o: TestOrg, id: string) =>
  (await db.withTenant(o.orgId, (tx) => tx.select({ at: applications.reminderSentAt }).from(applications).where(eq(applications.id, id))))[0]?.at ?? null;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-reminders-'));
  config = loadConfig({ NODE_ENV: 'test', NAAST_DATA_DIR: dataDir, DATABASE_URL: db.url ?? '', NAAST_PUBLIC_URL: 'https://naast.example.org/' });
  mailer = createMailer(config);
  await db.query(`insert into municipalities (code, name, province, lat, lon) values ('GM0794', 'Helmond', 'Noord-Brabant', 51.48, 5.66) on conflict do nothing`);
  org = await createTestOrg(db, 'Stichting Herinnering');
  orgB = await createTestOrg(db, 'Stichting Ander');
  await addUser(org, 'coordHelmond', 'coordinator', [org.locationIds.Helmond!]);
  await addUser(org, 'coordBoth', 'coordinator', [org.locationIds.Helmond!, org.locationIds.Tilburg!]);
  await addUser(org, 'coordTilburg', 'coordinator', [org.locationIds.Tilburg!]);
  await addUser(org, 'coordGone', 'coordinator', [org.locationIds.Helmond!], 'deactivated');
  await addUser(org, 'volunteer', 'volunteer', [org.locationIds.Helmond!]);
  await addUser(org, 'admin', 'admin', []);
  await addUser(orgB, 'coordB', 'coordinator', [orgB.locationIds.Helmond!]);
  await addUser(orgB, 'adminB', 'admin', []);
});
afterAll(async () => {
  await db?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every test starts with no open reminders left over from an earlier one. */
beforeEach(async () => {
  await db.query(`update applications set reminder_sent_at = coalesce(reminder_sent_at, now()), status = case when status = 'new' then 'contacted' else status end`);
});

describe('sendFirstContactReminders', () => {
  it("mails the location's active coordinators once, with only the reference, the deadline and the inbox link", async () => {
    const now = new Date();
    const due = new Date(now.getTime() + 3 * HOUR);
    const app = await addApplication(org, { location: 'Helmond', dueAt: due });

    const result = await sendFirstContactReminders(db, mailer, now, 4, config.publicUrl);
    expect(result).toEqual({ reminded: 1, mails: 2 });
    expect(await recipientsOf(app.reference)).toEqual([people.coordBoth, people.coordHelmond].sort());
    expect(await sentAt(org, app.id)).toEqual(now);

    const [mail] = await mailsFor(app.reference);
    expect(mail!.subject).toBe(`Herinnering: eerste contact voor aanmelding ${app.reference} | Reminder: first contact for application ${app.reference}`);
    expect(mail!.text).toContain(app.reference);
    expect(mail!.text).toContain(`https://naast.example.org${INBOX_PATH}`);
    const deadlineNl = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'full', timeStyle: 'short' }).format(due);
    expect(mail!.text).toContain(`loopt af op ${deadlineNl}`);
    expect(mail!.text).toContain('The deadline for first contact is ');
    // Nothing about the family: no names, no story, no address, no municipality, no organisation name.
    for (const secret of [SECRET_NAME, 'Anna', SECRET_STORY, 'anna@example.net', 'Helmond', 'Stichting', 'persoon']) expect(mail!.text + mail!.subject).not.toContain(secret);

    // The next run finds nothing: once only.
    expect(await sendFirstContactReminders(db, mailer, new Date(now.getTime() + 60_000), 4, config.publicUrl)).toEqual({ reminded: 0, mails: 0 });
    expect(await mailsFor(app.reference)).toHaveLength(2);
  });

  it('records one audit event per reminder, by the system, and the chain still verifies', async () => {
    const app = await addApplication(org, { location: 'Tilburg', dueAt: new Date(Date.now() + HOUR) });
    await sendFirstContactReminders(db, mailer, new Date(), 4, config.publicUrl);
    const events = await db.query<{ action: string; actor_user_id: string | null; actor_role: string; resource_type: string; reason: string }>(
      `select action, actor_user_id::text, actor_role, resource_type, reason from audit_events where org_id = $1 and resource_id = $2`,
      [org.orgId, app.id],
    );
    expect(events).toEqual([{ action: 'update', actor_user_id: null, actor_role: 'system', resource_type: 'application', reason: 'first-contact reminder mailed to 2 people' }]);
    expect(await recipientsOf(app.reference)).toEqual([people.coordBoth, people.coordTilburg].sort());
    expect((await verifyAudit(db, org.orgId)).ok).toBe(true);
  });

  it('waits until the deadline is near enough, then sends', async () => {
    const now = new Date();
    const app = await addApplication(org, { location: 'Helmond', dueAt: new Date(now.getTime() + 10 * HOUR) });
    expect(await sendFirstContactReminders(db, mailer, now, 4, config.publicUrl)).toEqual({ reminded: 0, mails: 0 });
    expect(await sendFirstContactReminders(db, mailer, new Date(now.getTime() + 5 * HOUR), 4, config.publicUrl)).toEqual({ reminded: 0, mails: 0 });
    expect(await sentAt(org, app.id)).toBeNull();
    expect((await sendFirstContactReminders(db, mailer, new Date(now.getTime() + 6 * HOUR + 1000), 4, config.publicUrl)).reminded).toBe(1);
    expect(await mailsFor(app.reference)).toHaveLength(2);
  });

  it('sends nothing for an application already contacted (or decided on)', async () => {
    const due = new Date(Date.now() + HOUR);
    const contacted = await addApplication(org, { location: 'Helmond', dueAt: due, status: 'contacted', firstContactAt: new Date() });
    const recorded = await addApplication(org, { location: 'Helmond', dueAt: due, status: 'new', firstContactAt: new Date() });
    const declined = await addApplication(org, { location: 'Helmond', dueAt: due, status: 'declined' });
    expect(await sendFirstContactReminders(db, mailer, new Date(), 4, config.publicUrl)).toEqual({ reminded: 0, mails: 0 });
    for (const a of [contacted, recorded, declined]) {
      expect(await mailsFor(a.reference)).toEqual([]);
      expect(await sentAt(org, a.id)).toBeNull();
    }
  });

  it('says the deadline has passed when it has (e.g. after the server was down)', async () => {
    const now = new Date();
    const app = await addApplication(org, { location: 'Helmond', dueAt: new Date(now.getTime() - 2 * HOUR) });
    await sendFirstContactReminders(db, mailer, now, 4, config.publicUrl);
    const [mail] = await mailsFor(app.reference);
    expect(mail!.text).toContain('is verlopen op');
    expect(mail!.text).toContain('passed on');
  });

  it('sends a helpdesk application (no location) to all coordinators and admins; a location without coordinators to the admins', async () => {
    const due = new Date(Date.now() + HOUR);
    const helpdesk = await addApplication(org, { location: null, dueAt: due });
    const orphan = await addApplication(orgB, { location: 'Tilburg', dueAt: due });
    const result = await sendFirstContactReminders(db, mailer, new Date(), 4, config.publicUrl);
    expect(result.reminded).toBe(2);
    expect(await recipientsOf(helpdesk.reference)).toEqual([people.coordHelmond, people.coordBoth, people.coordTilburg, people.admin].sort());
    expect(await recipientsOf(orphan.reference)).toEqual([people.adminB]);
  });

  it('each organisation only reaches its own people', async () => {
    const due = new Date(Date.now() + HOUR);
    const a = await addApplication(org, { location: 'Helmond', dueAt: due });
    const b = await addApplication(orgB, { location: 'Helmond', dueAt: due });
    expect((await sendFirstContactReminders(db, mailer, new Date(), 4, config.publicUrl)).reminded).toBe(2);
    expect(await recipientsOf(a.reference)).toEqual([people.coordBoth, people.coordHelmond].sort());
    expect(await recipientsOf(b.reference)).toEqual([people.coordB]);
  });

  it('two runs at the same moment send each reminder exactly once', async () => {
    const due = new Date(Date.now() + HOUR);
    const apps: Array<{ id: string; reference: string }> = [];
    for (let i = 0; i < 5; i++) apps.push(await addApplication(org, { location: i % 2 ? 'Tilburg' : 'Helmond', dueAt: due }));
    const now = new Date();
    const runs = await Promise.all([1, 2, 3].map(() => sendFirstContactReminders(db, mailer, now, 4, config.publicUrl)));
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(5);
    for (const [i, app] of apps.entries()) {
      expect(await recipientsOf(app.reference)).toEqual((i % 2 ? [people.coordBoth, people.coordTilburg] : [people.coordBoth, people.coordHelmond]).sort());
    }
  });

  it('a mail that cannot be sent leaves the reminder unclaimed, to be tried again', async () => {
    const app = await addApplication(org, { location: 'Helmond', dueAt: new Date(Date.now() + HOUR) });
    const failing: Mailer = { transport: 'smtp', send: () => Promise.reject(new Error('smtp down')) };
    await expect(sendFirstContactReminders(db, failing, new Date(), 4, config.publicUrl)).rejects.toThrow(/smtp down/);
    expect(await sentAt(org, app.id)).toBeNull();
    expect((await sendFirstContactReminders(db, mailer, new Date(), 4, config.publicUrl)).reminded).toBe(1);
    expect(await mailsFor(app.reference)).toHaveLength(2);
  });
});

describe('the reminder job', () => {
  const reminderJob = intakeJobs.filter((j) => j.name === 'intake-first-contact-reminders');
  let runner: JobRunner | undefined;
  afterAll(async () => runner?.stop());

  it('runs by itself from its every-minute schedule', async () => {
    expect(reminderJob).toHaveLength(1);
    expect(reminderJob[0]!.cron).toBe('* * * * *');
    const app = await addApplication(org, { location: 'Helmond', dueAt: new Date(Date.now() + HOUR) });
    runner = await startJobs(db, config, { mailer, log: quiet, jobs: reminderJob }, FAST_JOBS);
    await eventually('the scheduled run sent the reminder', () => mailsFor(app.reference), (m) => m.length === 2);
    await runner.stop();
    runner = undefined;
  });

  it('work queued before a restart happens after it', async () => {
    // The "server" before the restart queues a run but stops before its turn: on PostgreSQL a separate
    // connection (another process), on PGlite the same instance (one process owns it).
    const before = testDbKind() === 'postgres' ? await openDatabase({ databaseUrl: db.url!, poolMax: 3 }) : db;
    const first = await startJobs(before, config, { mailer, log: quiet, jobs: reminderJob }, { ...FAST_JOBS, work: false });
    const app = await addApplication(org, { location: 'Tilburg', dueAt: new Date(Date.now() + HOUR) });
    await first.runSoon('intake-first-contact-reminders');
    await first.stop();
    if (before !== db) await before.close();
    expect(await mailsFor(app.reference)).toEqual([]);

    // Not the schedule this time: a cron that never fires, so only the queued run can send it.
    runner = await startJobs(db, config, { mailer, log: quiet, jobs: [{ ...reminderJob[0]!, cron: '0 0 1 1 *' }] }, FAST_JOBS);
    await eventually('the queued run sent the reminder after the restart', () => mailsFor(app.reference), (m) => m.length === 2);
    await runner.stop();
    runner = undefined;
  });

  it.runIf(testDbKind() === 'postgres')('two server processes on one PostgreSQL send exactly one mail per recipient', async () => {
    const second: Database = await openDatabase({ databaseUrl: db.url!, poolMax: 5 });
    const apps: Array<{ id: string; reference: string }> = [];
    for (let i = 0; i < 6; i++) apps.push(await addApplication(org, { location: i % 2 ? 'Tilburg' : 'Helmond', dueAt: new Date(Date.now() + HOUR) }));
    const a = await startJobs(db, config, { mailer, log: quiet, jobs: reminderJob }, FAST_JOBS);
    const b = await startJobs(second, config, { mailer, log: quiet, jobs: reminderJob }, FAST_JOBS);
    try {
      // Besides the schedule, both processes queue extra runs, so handlers in both run at the same time.
      await Promise.all([a, b, a, b, a, b].map((r) => r.runSoon('intake-first-contact-reminders')));
      await eventually(
        'every application reminded and no run left',
        async () => {
          const left = await db.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'intake-first-contact-reminders' and state in ('created', 'retry', 'active')`);
          const open = await db.query<{ n: number }>(`select count(*)::int as n from applications where id = any($1::uuid[]) and reminder_sent_at is null`, [apps.map((x) => x.id)]);
          return { left: left[0]!.n, open: open[0]!.n };
        },
        (v) => v.left === 0 && v.open === 0,
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await second.close();
    }
    for (const [i, app] of apps.entries()) {
      expect(await recipientsOf(app.reference)).toEqual((i % 2 ? [people.coordBoth, people.coordTilburg] : [people.coordBoth, people.coordHelmond]).sort());
    }
  });
});

describe('public form throttle clean-up', () => {
  it('removes counters older than a day and keeps recent ones', async () => {
    const now = new Date();
    await db.withSystem((tx) =>
      tx.insert(publicFormThrottle).values([
        { key: 'ip:old', windowStart: new Date(now.getTime() - 25 * HOUR), count: 3 },
        { key: 'ip:new', windowStart: new Date(now.getTime() - HOUR), count: 1 },
      ]),
    );
    expect(await purgePublicFormThrottle(db, now)).toBe(1);
    const left = await db.withSystem((tx) => tx.select({ key: publicFormThrottle.key }).from(publicFormThrottle));
    expect(left.map((r) => r.key)).toEqual(['ip:new']);
  });
});
