import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../platform/db/index.js';
import { FIGURES, maxConcurrentPerVolunteer, planSeed, type Municipality, type OrgPlan } from './plan.js';
import { Rng } from './random.js';

// The real reference data, read from the migration that ships it (no database in unit tests).
const municipalities: Municipality[] = [
  ...fs.readFileSync(path.join(MIGRATIONS_DIR, '0004_municipalities.sql'), 'utf8').matchAll(/\('(GM\d{4})', '((?:[^']|'')+)', '([^']+)', ([\d.]+), ([\d.]+)\)/g),
].map((m) => ({ code: m[1]!, name: m[2]!.replace(/''/g, "'"), province: m[3]!, lat: Number(m[4]), lon: Number(m[5]) }));

const orgPlan = planSeed({ scale: 'org', seed: 42, municipalities })[0]!;
const region = planSeed({ scale: 'region', seed: 3, municipalities });
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('seed plan figures', () => {
  it('reads the municipalities of the three provinces', () => {
    expect(municipalities).toHaveLength(138);
  });

  it('an organisation handles 200–250 families in each of 10 years', () => {
    for (const org of [orgPlan, ...region]) {
      const perYear = new Map<number, number>();
      for (const t of org.trajectories) perYear.set(t.start.getUTCFullYear(), (perYear.get(t.start.getUTCFullYear()) ?? 0) + 1);
      expect([...perYear.keys()].sort()).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
      for (const n of perYear.values()) {
        expect(n).toBeGreaterThanOrEqual(FIGURES.familiesPerYear.min);
        expect(n).toBeLessThanOrEqual(FIGURES.familiesPerYear.max);
      }
    }
    const all = region.flatMap((o) => o.trajectories).length / (region.length * 10);
    expect(all).toBeGreaterThan(215);
    expect(all).toBeLessThan(235);
  });

  it('a trajectory takes ~312 hours over ~8 months, 90% volunteer and 10% professional', () => {
    const ts = region.flatMap((o) => o.trajectories);
    const hours = mean(ts.map((t) => t.hours));
    expect(hours).toBeGreaterThan(312 * 0.97);
    expect(hours).toBeLessThan(312 * 1.03);
    const months = mean(ts.map((t) => (t.end.getTime() - t.start.getTime()) / (30.44 * 86_400_000)));
    expect(months).toBeGreaterThan(7.6);
    expect(months).toBeLessThan(8.4);
    const volunteerShare = ts.reduce((s, t) => s + t.volunteerHours, 0) / ts.reduce((s, t) => s + t.hours, 0);
    expect(volunteerShare).toBeCloseTo(0.9, 2);
    expect(ts.filter((t) => t.volunteerHours + t.professionalHours !== t.hours || t.end <= t.start)).toEqual([]);
    // 5–10 hours a week per family (domain.md), with some spread around the mean
    const weekly = ts.map((t) => t.volunteerHours / ((t.end.getTime() - t.start.getTime()) / (7 * 86_400_000)));
    expect(Math.min(...weekly)).toBeGreaterThan(4);
    expect(Math.max(...weekly)).toBeLessThan(12);
    expect(mean(weekly)).toBeGreaterThan(7.5);
    expect(mean(weekly)).toBeLessThan(8.7);
  });

  it('no volunteer ever carries more than 3 families at once, and one family has one volunteer at its location', () => {
    for (const org of [orgPlan, ...region]) {
      expect(maxConcurrentPerVolunteer(org)).toBeLessThanOrEqual(3);
      expect(org.trajectories.filter((t) => org.volunteers[t.volunteer]!.location !== t.location)).toEqual([]);
    }
    // and the pool is not one volunteer per family: most carry several over the years
    expect(orgPlan.volunteers.length).toBeLessThan(orgPlan.trajectories.length / 4);
    expect(maxConcurrentPerVolunteer(orgPlan)).toBeGreaterThanOrEqual(2);
  });

  it('staff and accounts: a parent per family, coordinators per location, a funder per work-area municipality', () => {
    const org = orgPlan;
    expect(org.parents).toHaveLength(org.trajectories.length);
    expect(org.locations.map((l) => l.name)).toEqual(['Helmond', 'Tilburg', "'s-Hertogenbosch"]);
    for (const l of org.locations) expect(org.coordinators.some((c) => c.location === l.name)).toBe(true);
    expect(org.funders.map((f) => f.municipalityCode).sort()).toEqual(org.workArea.map((w) => w.municipalityCode).sort());
    expect(org.workArea.map((w) => w.municipalityCode)).toEqual(expect.arrayContaining(['GM0794', 'GM0855', 'GM0796']));
    expect(new Set(org.workArea.map((w) => w.funding))).toEqual(new Set(['subsidy', 'per_trajectory']));
    // every work-area municipality is linked to its nearest location
    const at = (code: string) => municipalities.find((m) => m.code === code)!;
    const km = (a: Municipality, b: Municipality) => Math.hypot((a.lat - b.lat) * 111, (a.lon - b.lon) * 69);
    for (const w of org.workArea) {
      const own = km(at(w.municipalityCode), at(org.locations.find((l) => l.name === w.location)!.municipalityCode));
      for (const l of org.locations) expect(own).toBeLessThanOrEqual(km(at(w.municipalityCode), at(l.municipalityCode)) + 0.01);
    }
    const emails = [...org.admins, ...org.coordinators, ...org.volunteers, ...org.parents, ...org.funders].map((p) => p.email);
    expect(new Set(emails).size).toBe(emails.length);
    const ids = [org.orgId, ...org.locations.map((l) => l.id), ...org.parents.map((p) => p.id), ...org.volunteers.map((v) => v.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('organisations of a region have distinct ids, names and addresses', () => {
    expect(new Set(region.map((o) => o.orgId)).size).toBe(10);
    expect(new Set(region.map((o) => o.name)).size).toBe(10);
    const all = region.flatMap((o: OrgPlan) => o.parents.map((p) => p.email));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('determinism', () => {
  it('the same seed gives the same plan; another seed another', () => {
    const again = planSeed({ scale: 'org', seed: 42, municipalities })[0]!;
    expect(JSON.stringify(again)).toBe(JSON.stringify(orgPlan));
    const other = planSeed({ scale: 'org', seed: 43, municipalities })[0]!;
    expect(other.orgId).not.toBe(orgPlan.orgId);
    expect(other.trajectories.map((t) => t.hours)).not.toEqual(orgPlan.trajectories.map((t) => t.hours));
  });

  it('does not depend on the order the municipalities come in', () => {
    const reversed = planSeed({ scale: 'org', seed: 42, municipalities: [...municipalities].reverse() })[0]!;
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(orgPlan));
  });

  it('the PRNG is reproducible and its uuids are well-formed v7', () => {
    const a = new Rng(5);
    const b = new Rng(5);
    expect(Array.from({ length: 5 }, () => a.u32())).toEqual(Array.from({ length: 5 }, () => b.u32()));
    const id = new Rng(1).uuidv7(Date.UTC(2020, 0, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2020, 0, 1));
  });
});
