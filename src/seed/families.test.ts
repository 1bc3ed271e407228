import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../platform/db/index.js';
import { amsterdamDate } from '../platform/time/working-days.js';
import { firstContactDue, matchKeyOf, planFamilies, planShiftMs } from './families.js';
import { planSeed, type Municipality } from './plan.js';

const municipalities: Municipality[] = [
  ...fs.readFileSync(path.join(MIGRATIONS_DIR, '0004_municipalities.sql'), 'utf8').matchAll(/\('(GM\d{4})', '((?:[^']|'')+)', '([^']+)', ([\d.]+), ([\d.]+)\)/g),
].map((m) => ({ code: m[1]!, name: m[2]!.replace(/''/g, "'"), province: m[3]!, lat: Number(m[4]), lon: Number(m[5]) }));

// A Tuesday morning in March, Amsterdam time.
const now = new Date('2026-03-10T09:30:00Z');
const [org] = planSeed({ scale: 'org', seed: 7, municipalities });
const fam = planFamilies(org!, { seed: 7, now, municipalities });
const count = (status: string) => fam.applications.filter((a) => a.status === status).length;
const ms = (d: unknown) => (d as Date).getTime();

describe('planFamilies', () => {
  it('is deterministic: same plan, seed and now give the same rows; the municipalities order does not matter', () => {
    const again = planFamilies(org!, { seed: 7, now, municipalities: [...municipalities].reverse() });
    expect(JSON.stringify(again)).toBe(JSON.stringify(fam));
    const other = planFamilies(org!, { seed: 8, now, municipalities });
    expect(other.applications.map((a) => a.id)).not.toEqual(fam.applications.map((a) => a.id));
  }, 30_000); // two whole organisations with ten years of contacts: seconds on a busy machine

  it('every planned trajectory is a matched application with one accepted match and one trajectory row', () => {
    expect(count('matched')).toBe(org!.trajectories.length);
    expect(fam.trajectories).toHaveLength(org!.trajectories.length);
    const accepted = fam.matches.filter((m) => m.status === 'accepted');
    expect(accepted).toHaveLength(org!.trajectories.length);
    const byApp = new Map(accepted.map((m) => [m.applicationId, m]));
    for (const t of fam.trajectories) expect(byApp.get(t.applicationId)?.volunteerUserId).toBe(t.leadVolunteerId);
    // shifted so that the plan's horizon is today: the last trajectories started shortly before now
    const starts = fam.trajectories.map((t) => ms(t.startedAt));
    expect(Math.max(...starts)).toBeLessThanOrEqual(now.getTime());
    expect(Math.max(...starts)).toBeGreaterThan(now.getTime() - 30 * 86_400_000);
    expect(planShiftMs(now) % 86_400_000).toBe(0);
    // running today ⇔ no end yet
    for (const t of fam.trajectories) expect(t.endedAt === null).toBe(t.phase !== 'ended');
    expect(fam.trajectories.filter((t) => t.endedAt === null).length).toBeGreaterThan(100);
  });

  it('today: an inbox around now and a waiting list of 20–60', () => {
    expect(count('new')).toBeGreaterThanOrEqual(4);
    expect(count('new')).toBeLessThanOrEqual(14);
    expect(count('contacted')).toBeGreaterThanOrEqual(6);
    expect(count('waiting') + count('matching')).toBeGreaterThanOrEqual(20);
    expect(count('waiting') + count('matching')).toBeLessThanOrEqual(60);
    const open = fam.applications.filter((a) => a.status === 'new');
    expect(open.every((a) => ms(a.receivedAt) <= now.getTime() && a.firstContactAt === null)).toBe(true);
    expect(fam.applications.every((a) => ms(a.receivedAt) <= now.getTime())).toBe(true);
    // referred and declined at intake, a few merged duplicates
    expect(count('referred') + count('declined')).toBeGreaterThan(org!.trajectories.length * 0.1);
    expect(count('merged')).toBeGreaterThan(0);
    for (const a of fam.applications.filter((x) => x.status === 'merged')) expect(a.mergedInto).toBe(a.possibleDuplicateOf);
  });

  it('first-contact deadlines: the end of the second Dutch working day after arrival', () => {
    for (const a of fam.applications) expect(ms(a.firstContactDueAt)).toBeGreaterThan(ms(a.receivedAt));
    // Friday 6 March 2026, 20:00 Amsterdam → end of Tuesday 10 March
    expect(amsterdamDate(new Date(firstContactDue(Date.parse('2026-03-06T19:00:00Z'))))).toBe('2026-03-10');
    // Thursday 23 April 2026 → Friday 24, (Koningsdag Monday 27 April is a holiday) → Tuesday 28
    expect(amsterdamDate(new Date(firstContactDue(Date.parse('2026-04-23T10:00:00Z'))))).toBe('2026-04-28');
  });

  it('references A-<year>-<n> unique and gapless per year; counters continue after the highest', () => {
    const refs = fam.applications.map((a) => a.reference!);
    expect(new Set(refs).size).toBe(refs.length);
    for (const r of refs) expect(r).toMatch(/^A-\d{4}-\d{5}$/);
    for (const c of fam.counters) {
      const ns = refs.filter((r) => r.startsWith(`A-${c.year}-`)).map((r) => Number(r.slice(7)));
      expect(Math.max(...ns)).toBe(c.last);
      expect(ns.length).toBe(c.last);
    }
  });

  it('match keys in the intake format; duplicates share the key of the family they resemble', () => {
    expect(matchKeyOf('GM0794', ['van den Berg', 'Jansen'], [2015, 2012, 2015])).toBe('GM0794|berg jansen|2012 2015');
    const byId = new Map(fam.applications.map((a) => [a.id, a]));
    const people = new Map<string, string[]>();
    for (const p of fam.people) people.set(p.applicationId, [...(people.get(p.applicationId) ?? []), p.lastName]);
    const years = new Map<string, number[]>();
    for (const c of fam.children) years.set(c.applicationId, [...(years.get(c.applicationId) ?? []), c.birthYear]);
    for (const a of fam.applications) expect(a.matchKey).toBe(matchKeyOf(a.municipalityCode, people.get(a.id)!, years.get(a.id)!));
    const dups = fam.applications.filter((a) => a.possibleDuplicateOf);
    expect(dups.length).toBeGreaterThan(0);
    for (const d of dups) expect(d.matchKey).toBe(byId.get(d.possibleDuplicateOf!)!.matchKey);
  });

  it('children: birth year not after arrival, at most 17; OTS the most common measure, then out-of-home placement, then guardianship', () => {
    const received = new Map(fam.applications.map((a) => [a.id, new Date(ms(a.receivedAt)).getUTCFullYear()]));
    for (const c of fam.children) {
      expect(c.birthYear).toBeLessThanOrEqual(received.get(c.applicationId)!);
      expect(c.birthYear).toBeGreaterThanOrEqual(received.get(c.applicationId)! - 17);
    }
    const share = (m: string) => fam.children.filter((c) => c.measure === m).length / fam.children.length;
    expect(share('ots')).toBeGreaterThan(0.38);
    expect(share('ots')).toBeGreaterThan(share('out_of_home_authorised'));
    expect(share('out_of_home_authorised')).toBeGreaterThan(share('guardianship'));
    expect(share('guardianship')).toBeGreaterThan(share('none'));
  });

  it('volunteer profiles: 5–10 hours, at most 3 families, caseload = running trajectories + pending proposals', () => {
    expect(fam.profiles).toHaveLength(org!.volunteers.length);
    const load = new Map<string, number>();
    for (const t of fam.trajectories) if (t.endedAt === null) load.set(t.leadVolunteerId, (load.get(t.leadVolunteerId) ?? 0) + 1);
    for (const m of fam.matches) if (m.status === 'pending') load.set(m.volunteerUserId, (load.get(m.volunteerUserId) ?? 0) + 1);
    for (const p of fam.profiles) {
      expect(p.hoursPerWeek).toBeGreaterThanOrEqual(5);
      expect(p.hoursPerWeek).toBeLessThanOrEqual(10);
      expect(p.maxFamilies).toBeLessThanOrEqual(3);
      expect(p.activeFamilies).toBe(load.get(p.userId) ?? 0);
      expect(p.activeFamilies).toBeLessThanOrEqual(p.maxFamilies!);
    }
    expect(fam.profiles.some((p) => p.activeFamilies === 3)).toBe(true);
    // pending proposals only for families in 'matching'
    const status = new Map(fam.applications.map((a) => [a.id, a.status]));
    for (const m of fam.matches.filter((x) => x.status === 'pending')) expect(status.get(m.applicationId)).toBe('matching');
  });

  it('names are generated (fictional) and contact details use example.org', () => {
    for (const p of fam.people) if (p.email) expect(p.email).toMatch(/@example\.org$/);
    for (const a of fam.applications) if (a.referrerEmail) expect(a.referrerEmail).toMatch(/@example\.org$/);
  });
});
