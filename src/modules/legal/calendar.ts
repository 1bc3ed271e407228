import { randomToken, sha256 } from '../../platform/auth/sessions.js';
import { and, eq } from 'drizzle-orm';
import { recordActorAudit } from '../../platform/audit/actor.js';
import { recordAudit } from '../../platform/audit/index.js';
import { users } from '../../platform/auth/tables.js';
import type { Database } from '../../platform/db/index.js';
import type { ActorContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { t, type Lang } from '../../platform/i18n/index.js';
import { addDays } from '../../platform/time/working-days.js';
import { ruleByCode, type TMyDeadline } from '../../shared/legal.js';
import { plannedMeetingTimes, trajectoriesLedOrCoachedBy } from '../trajectories/public.js';
import './messages.js';
import { openDeadlinesOf } from './service.js';
import { calendarFeeds } from './tables.js';

/**
 * The private calendar feed (ICS) per user (issue 5). Calendar apps cannot sign in, so the URL carries
 * a random token (256 bits); only its SHA-256 is stored and a new token replaces the old one. The feed
 * leaves the organisation (phones sync it to Google/Apple), so it holds no names and no free text:
 * only the family reference, the rule's title (or "Own deadline" / "Meeting") and dates.
 */

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/api/v1/calendar/${token}.ics`;

export async function createFeed(ctx: ActorContext): Promise<{ url: string }> {
  const token = randomToken();
  await ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    await tx
      .insert(calendarFeeds)
      .values({ orgId: ctx.actor.orgId, userId: ctx.actor.userId, tokenHash: sha256(token) })
      .onConflictDoUpdate({ target: [calendarFeeds.orgId, calendarFeeds.userId], set: { tokenHash: sha256(token), createdAt: new Date() } });
    await recordActorAudit(tx, ctx, { action: 'create', resourceType: 'calendar_feed', resourceId: ctx.actor.userId, subjectId: ctx.actor.userId });
  });
  return { url: feedUrl(ctx.config.publicUrl, token) };
}

export async function feedStatus(ctx: ActorContext): Promise<{ active: boolean; createdAt: string | null }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.orgId, ctx.actor.orgId), eq(calendarFeeds.userId, ctx.actor.userId)));
    await recordActorAudit(tx, ctx, { action: 'read', resourceType: 'calendar_feed', resourceId: ctx.actor.userId, subjectId: ctx.actor.userId });
    return { active: !!row, createdAt: row ? row.createdAt.toISOString() : null };
  });
}

export async function deleteFeed(ctx: ActorContext): Promise<void> {
  await ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    await tx.delete(calendarFeeds).where(and(eq(calendarFeeds.orgId, ctx.actor.orgId), eq(calendarFeeds.userId, ctx.actor.userId)));
    await recordActorAudit(tx, ctx, { action: 'delete', resourceType: 'calendar_feed', resourceId: ctx.actor.userId, subjectId: ctx.actor.userId });
  });
}

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545)
// ---------------------------------------------------------------------------------------------

const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const ymd = (d: string) => d.replace(/-/g, '');
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/** Lines longer than 75 octets are folded (continuation lines start with a space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export interface FeedInput {
  lang: Lang;
  now: Date;
  deadlines: TMyDeadline[];
  meetings: Array<{ id: string; reference: string; scheduledAt: Date }>;
}

/** The feed's text; pure, so tests can check it without a server. */
export function renderCalendar({ lang, now, deadlines, meetings }: FeedInput): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Naast//Termijnen//NL', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(t(lang, 'calendar.name'))}`];
  const stamp = utcStamp(now);
  for (const d of deadlines) {
    const rule = ruleByCode(d.ruleCode);
    const what = rule ? rule.title[lang] : t(lang, 'calendar.manual');
    lines.push(
      'BEGIN:VEVENT',
      `UID:deadline-${d.id}@naast`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${ymd(d.dueOn)}`,
      `DTEND;VALUE=DATE:${ymd(addDays(d.dueOn, 1))}`,
      `SUMMARY:${escapeText(`${d.reference} – ${what}`)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  for (const m of meetings) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:meeting-${m.id}@naast`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcStamp(m.scheduledAt)}`,
      `DTEND:${utcStamp(new Date(m.scheduledAt.getTime() + 3600_000))}`,
      `SUMMARY:${escapeText(`${m.reference} – ${t(lang, 'calendar.meeting')}`)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** How far back the feed shows meetings (a calendar keeps recent history visible). */
const FEED_PAST_DAYS = 30;

/**
 * GET /calendar/:token.ics: the token names the user (system lookup of the hash: the one
 * cross-tenant question), then everything runs in that user's tenant and is audited as their 'read'.
 * An unknown token, a deactivated user or a malformed token all read as 404.
 */
export async function renderFeed(db: Database, token: string, now = new Date()): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound();
  const [feed] = await db.withSystem((tx) =>
    tx.select({ orgId: calendarFeeds.orgId, userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, sha256(token))),
  );
  if (!feed) throw notFound();
  return db.withTenant(feed.orgId, async (tx) => {
    const [user] = await tx
      .select({ role: users.role, language: users.language, status: users.status })
      .from(users)
      .where(and(eq(users.orgId, feed.orgId), eq(users.id, feed.userId)));
    if (!user || user.status !== 'active') throw notFound();
    const lang: Lang = user.language === 'en' ? 'en' : 'nl';
    const open = await openDeadlinesOf(tx, feed.orgId, feed.userId, null);
    const mine = await trajectoriesLedOrCoachedBy(tx, feed.orgId, feed.userId);
    const reference = new Map(mine.map((m) => [m.id, m.reference]));
    const from = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
    const meetings = (await plannedMeetingTimes(tx, feed.orgId, [...reference.keys()], from)).map((m) => ({ ...m, reference: reference.get(m.trajectoryId)! }));
    await recordAudit(tx, {
      orgId: feed.orgId,
      actorUserId: feed.userId,
      actorRole: user.role,
      action: 'read',
      resourceType: 'calendar_feed',
      resourceId: feed.userId,
      subjectId: feed.userId,
      ip: 'system',
      reason: `calendar feed: ${open.length} deadlines, ${meetings.length} meetings`,
    });
    return renderCalendar({ lang, now, deadlines: open, meetings });
  });
}

