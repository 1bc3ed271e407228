import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../platform/db/index.js';
import { amsterdamDate } from '../platform/time/working-days.js';
import { planFamilies } from './families.js';
import { planSeed, type Municipality } from './plan.js';
import { Rng } from './random.js';
import { computeDeadlines, ruleByCode } from '../shared/legal.js';
import { planTrajectoryWork, type TrajectoryWorkInput } from './trajectory-work.js';

const municipalities: Municipality[] = [
  ...fs.readFileSync(path.join(MIGRATIONS_DIR, '0004_municipalities.sql'), 'utf8').matchAll(/\('(GM\d{4})', '((?:[^']|'')+)', '([^']+)', ([\d.]+), ([\d.]+)\)/g),
].map((m) => ({ code: m[1]!, name: m[2]!.replace(/''/g, "'"), province: m[3]!, lat: Number(m[4]), lon: Number(m[5]) }));

// A Tuesday morning in March, Amsterdam time.
const now = new Date('2026-03-10T09:30:00Z');
const today = amsterdamDate(now);
const [org] = planSeed({ scale: 'org', seed: 7, municipalities });
const fam = planFamilies(org!, { seed: 7, now, municipalities });
const ms = (d: unknown) => (d as Date).getTime();
const groupBy = <T extends { trajectoryId: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.trajectoryId, [...(m.get(r.trajectoryId) ?? []), r]);
  return m;
};
const contactsOf = groupBy(fam.contacts);
const meetingsOf = groupBy(fam.meetings);
const agreementsOf = groupBy(fam.agreements);
const eventsOf = groupBy(fam.phaseEvents);
const running = fam.trajectories.filter((t) => t.phase !== 'ended');
const ended = fam.trajectories.filter((t) => t.phase === 'ended');

describe('trajectory work in the seed', () => {
  it('is deterministic and draws from its own random stream (ids of the rows before it do not move)', () => {
    const again = planFamilies(org!, { seed: 7, now, municipalities });
    expect(JSON.stringify(again.contacts)).toBe(JSON.stringify(fam.contacts));
    expect(JSON.stringify(again.agreements)).toBe(JSON.stringify(fam.agreements));
    expect(JSON.stringify(again.trajectories)).toBe(JSON.stringify(fam.trajectories));
    // its own random stream: application ids and trajectory ids do not depend on it
    expect(fam.trajectories.every((t, i) => t.applicationId === fam.applications.filter((a) => a.status === 'matched')[i]!.id)).toBe(true);
  }, 30_000);

  it('the trajectory row keeps the sum of its contacts and the date of the last one', () => {
    for (const t of fam.trajectories) {
      const cs = contactsOf.get(t.id) ?? [];
      expect(t.volunteerMinutes).toBe(cs.reduce((s, c) => s + c.volunteerMinutes!, 0));
      expect(t.professionalMinutes).toBe(cs.reduce((s, c) => s + c.professionalMinutes!, 0));
      expect(t.lastContactOn).toBe(cs.length ? cs.map((c) => c.occurredOn).sort().at(-1) : null);
      for (const c of cs) {
        expect(c.volunteerMinutes! + c.professionalMinutes!).toBeGreaterThan(0);
        expect(c.volunteerMinutes! + c.professionalMinutes!).toBeLessThanOrEqual(180);
      }
    }
  });

  it('meetings of contacts and agreements belong to the same trajectory; scores to its own help questions, 1–5', () => {
    const meetingTrajectory = new Map(fam.meetings.map((m) => [m.id, m.trajectoryId]));
    for (const c of fam.contacts) if (c.meetingId) expect(meetingTrajectory.get(c.meetingId)).toBe(c.trajectoryId);
    for (const a of fam.agreements) if (a.meetingId) expect(meetingTrajectory.get(a.meetingId)).toBe(a.trajectoryId);
    const questionTrajectory = new Map(fam.helpQuestions.map((q) => [q.id, q.trajectoryId]));
    for (const s of fam.scores) {
      expect(questionTrajectory.get(s.helpQuestionId)).toBe(s.trajectoryId);
      expect(s.score).toBeGreaterThanOrEqual(1);
      expect(s.score).toBeLessThanOrEqual(5);
    }
    // rising over time: per question, in date order, never down
    const byQuestion = new Map<string, typeof fam.scores>();
    for (const s of fam.scores) byQuestion.set(s.helpQuestionId, [...(byQuestion.get(s.helpQuestionId) ?? []), s]);
    for (const list of byQuestion.values()) {
      const sorted = [...list].sort((a, b) => a.recordedOn.localeCompare(b.recordedOn));
      expect(new Set(sorted.map((s) => s.recordedOn)).size).toBe(sorted.length);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.score).toBeGreaterThanOrEqual(sorted[i - 1]!.score);
    }
    const ids = [fam.contacts, fam.agreements, fam.meetings, fam.scores, fam.helpQuestions, fam.familyMap, fam.phaseEvents].flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('nothing lies in the future except planned meetings and due dates', () => {
    const t = now.getTime();
    for (const c of fam.contacts) {
      expect(c.occurredOn <= today).toBe(true);
      expect(ms(c.createdAt)).toBeLessThanOrEqual(t);
    }
    for (const s of fam.scores) expect(s.recordedOn <= today).toBe(true);
    for (const e of fam.phaseEvents) expect(ms(e.at)).toBeLessThanOrEqual(t);
    for (const a of fam.agreements) {
      expect(ms(a.createdAt)).toBeLessThanOrEqual(t);
      if (a.statusChangedAt) expect(ms(a.statusChangedAt)).toBeLessThanOrEqual(t);
      expect(a.status === 'open').toBe(a.statusChangedAt === null);
    }
    for (const m of fam.meetings) expect(m.status === 'held' ? ms(m.scheduledAt) <= t : ms(m.scheduledAt) > t).toBe(true);
    for (const tr of fam.trajectories) {
      expect(ms(tr.updatedAt)).toBeLessThanOrEqual(t);
      expect(ms(tr.phaseChangedAt)).toBeLessThanOrEqual(t);
    }
  });

  it('phase events lead step by step to the phase on the row', () => {
    for (const t of fam.trajectories) {
      const events = (eventsOf.get(t.id) ?? []).sort((a, b) => ms(a.at) - ms(b.at));
      expect(events.at(-1)!.toPhase).toBe(t.phase);
      expect(ms(t.phaseChangedAt)).toBe(ms(events.at(-1)!.at));
      if (t.phase !== 'ended') {
        expect(events[0]!.fromPhase).toBeNull();
        for (let i = 1; i < events.length; i++) expect(events[i]!.fromPhase).toBe(events[i - 1]!.toPhase);
      }
    }
  });

  it('running trajectories: the plan\u2019s pace (≈90% volunteer time), meetings, agreements with some overdue, a plan with scores', () => {
    expect(running.length).toBeGreaterThan(100);
    let volunteer = 0;
    let all = 0;
    let overdue = 0;
    for (const t of running) {
      const i = fam.trajectories.indexOf(t);
      const planned = org!.trajectories[i]!;
      const progress = (now.getTime() - ms(t.startedAt)) / (planned.end.getTime() - planned.start.getTime());
      const hours = (t.volunteerMinutes! + t.professionalMinutes!) / 60;
      if (progress >= 0.3) {
        expect(Math.abs(hours - planned.hours * progress)).toBeLessThan(8);
        expect(agreementsOf.get(t.id)!.length).toBeGreaterThanOrEqual(5);
        expect(agreementsOf.get(t.id)!.length).toBeLessThanOrEqual(15);
        expect(fam.helpQuestions.filter((q) => q.trajectoryId === t.id).length).toBeGreaterThanOrEqual(2);
        const scores = fam.scores.filter((s) => s.trajectoryId === t.id);
        expect(scores.length).toBeGreaterThanOrEqual(6); // 3–6 for each of 2–4 questions
        expect(fam.familyMap.filter((m) => m.trajectoryId === t.id).length).toBeGreaterThanOrEqual(2);
      }
      expect((meetingsOf.get(t.id) ?? []).length).toBeLessThanOrEqual(8);
      volunteer += t.volunteerMinutes!;
      all += t.volunteerMinutes! + t.professionalMinutes!;
      overdue += (agreementsOf.get(t.id) ?? []).filter((a) => a.status === 'open' && a.dueOn! < today).length;
    }
    expect(volunteer / all).toBeGreaterThan(0.87);
    expect(volunteer / all).toBeLessThan(0.93);
    expect(overdue).toBeGreaterThan(running.length * 0.5);
    // a full trajectory is ≈312 hours: the pace extrapolated over the whole length
    const pace = running.filter((t) => t.phase === 'closing' || t.phase === 'building_down').map((t) => (t.volunteerMinutes! + t.professionalMinutes!) / 60);
    const mean = pace.reduce((s, h) => s + h, 0) / pace.length;
    expect(mean).toBeGreaterThan(200);
    expect(mean).toBeLessThan(330);
  });

  it('ended trajectories: a light history with an outcome (≈80% resolved or positive restart)', () => {
    for (const t of ended) {
      expect((contactsOf.get(t.id) ?? []).length).toBeGreaterThanOrEqual(1);
      expect((contactsOf.get(t.id) ?? []).length).toBeLessThanOrEqual(3);
      expect(agreementsOf.get(t.id)).toBeUndefined();
      expect(t.outcome).not.toBeNull();
      expect(ms(t.closedAt)).toBe(ms(t.endedAt));
    }
    const success = ended.filter((t) => t.outcome === 'resolved' || t.outcome === 'positive_restart').length / ended.length;
    expect(success).toBeGreaterThan(0.75);
    expect(success).toBeLessThan(0.85);
  });

  it('a trajectory that started today has its first phase event and map, nothing recorded yet', () => {
    const input: TrajectoryWorkInput = {
      orgId: '01930000-0000-7000-8000-000000000001',
      trajectoryId: '01930000-0000-7000-8000-000000000002',
      startMs: now.getTime() - 3_600_000,
      endMs: now.getTime() + 240 * 86_400_000,
      now: now.getTime(),
      ended: false,
      volunteerHours: 280,
      professionalHours: 31,
      volunteerId: '01930000-0000-7000-8000-000000000003',
      coachId: '01930000-0000-7000-8000-000000000004',
      parents: [{ name: 'Belira Klaverdijk', relation: 'parent' }],
      children: [{ firstName: 'Jotje', birthYear: 2019 }],
      institutions: [{ kind: 'gi', name: 'GI Zuidwest (fictief)' }],
      intakeQuestions: ['Meer omgang met de kinderen'],
    };
    const w = planTrajectoryWork(new Rng(1), input);
    expect(w.phaseEvents.map((e) => e.toPhase)).toEqual(['intake_done']);
    expect(w.familyMap.map((m) => m.role).slice(0, 3)).toEqual(['parent', 'child', 'youth_protection_worker']);
    expect(w.scores).toEqual([]);
    expect(w.agreements).toEqual([]);
    expect(w.meetings.every((m) => m.status === 'planned')).toBe(true);
    expect(w.columns.volunteerMinutes + w.columns.professionalMinutes).toBeLessThanOrEqual(180);
    expect(JSON.stringify(planTrajectoryWork(new Rng(1), input))).toBe(JSON.stringify(w));
  });
});

describe('measures, decisions, deadlines and documents in the seed', () => {
  const trajectoryOf = new Map(fam.trajectories.map((t) => [t.id, t]));
  const deadlinesOf = groupBy(fam.deadlines);
  const documentsOf = groupBy(fam.documents);

  it('is deterministic and leaves the work rows of its own stream untouched', () => {
    const again = planFamilies(org!, { seed: 7, now, municipalities });
    expect(JSON.stringify(again.deadlines)).toBe(JSON.stringify(fam.deadlines));
    expect(JSON.stringify(again.documents)).toBe(JSON.stringify(fam.documents));
    const ids = [fam.measures, fam.decisions, fam.deadlines, fam.documents, fam.contacts].flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 30_000);

  it('running trajectories have a few deadlines computed by the rules, linked to their own measure or decision', () => {
    const withDeadlines = running.filter((t) => deadlinesOf.has(t.id)).length;
    expect(withDeadlines / running.length).toBeGreaterThan(0.5);
    const perRunning = fam.deadlines.length / running.length;
    expect(perRunning).toBeGreaterThan(1);
    expect(perRunning).toBeLessThan(8);
    for (const t of ended) expect(deadlinesOf.get(t.id)).toBeUndefined();
    const measures = new Map(fam.measures.map((m) => [m.id, m]));
    const decisions = new Map(fam.decisions.map((d) => [d.id, d]));
    for (const d of fam.deadlines) {
      expect(trajectoryOf.get(d.trajectoryId)!.phase).not.toBe('ended');
      if (d.measureId) expect(measures.get(d.measureId)!.trajectoryId).toBe(d.trajectoryId);
      if (d.courtDecisionId) expect(decisions.get(d.courtDecisionId)!.trajectoryId).toBe(d.trajectoryId);
      if (d.ruleCode === 'manual') continue;
      const rule = ruleByCode(d.ruleCode)!;
      expect(d.title).toBe(rule.title.nl);
      if (rule.trigger === 'measure_end') {
        // the same computation the service does when a measure is saved
        const m = measures.get(d.measureId!)!;
        expect(computeDeadlines('measure_end', m.endsOn!).find((c) => c.ruleCode === d.ruleCode)!.dueOn).toBe(d.dueOn);
      } else if (d.ruleCode === 'appeal_decision' || d.ruleCode === 'annul_written_instruction' || d.ruleCode === 'objection_municipal_decision') {
        const dec = decisions.get(d.courtDecisionId!)!;
        expect(computeDeadlines(rule.trigger, dec.decidedOn).find((c) => c.ruleCode === d.ruleCode)!.dueOn).toBe(d.dueOn);
      }
    }
    // some rules of each kind of trigger
    const codes = new Set(fam.deadlines.map((d) => d.ruleCode));
    for (const c of ['appeal_decision', 'hearing', 'letter_response', 'measure_end', 'extension_request_expected']) expect(codes.has(c)).toBe(true);
  });

  it('future deadlines are open, past ones mostly done with some overdue; passed reminders count as sent; nothing created after now', () => {
    const t = now.getTime();
    let past = 0;
    let overdue = 0;
    for (const d of fam.deadlines) {
      expect(ms(d.createdAt)).toBeLessThanOrEqual(t);
      expect(ms(d.updatedAt)).toBeLessThanOrEqual(t);
      if (d.dueOn >= today) expect(d.status).toBe('open');
      else {
        past++;
        if (d.status === 'open') overdue++;
      }
      if (d.remindAt && ms(d.remindAt) <= t) expect(d.reminderSentAt).not.toBeNull();
      if (d.remindAt && ms(d.remindAt) > t) expect(d.reminderSentAt).toBeNull();
    }
    expect(overdue).toBeGreaterThan(0);
    expect(overdue / past).toBeLessThan(0.3);
    for (const dec of fam.decisions) expect(dec.decidedOn <= today).toBe(true);
  });

  it('documents: metadata of a few per running trajectory, at most one per ended one, valid kinds and sizes', () => {
    for (const tr of running) expect((documentsOf.get(tr.id) ?? []).length).toBeGreaterThanOrEqual(1);
    for (const tr of ended) expect((documentsOf.get(tr.id) ?? []).length).toBeLessThanOrEqual(1);
    for (const d of fam.documents) {
      expect(['letter_received', 'report', 'court_decision', 'plan', 'other']).toContain(d.kind);
      expect(d.sizeBytes).toBeGreaterThan(0);
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(ms(d.createdAt)).toBeLessThanOrEqual(now.getTime());
      expect(['application/pdf', 'image/jpeg']).toContain(d.mimeType);
    }
  });
});
