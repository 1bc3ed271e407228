import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../auth/tables.js';
import { AppError } from '../http/errors.js';
import { t } from '../i18n/index.js';
import { assertDecision, authorize, decide, normaliseReason, type Actor, type Basis, type Permission, type ResourceRelations } from './index.js';

const ORG = '01900000-0000-7000-8000-000000000001';
const OTHER_ORG = '01900000-0000-7000-8000-000000000002';
const ME = '01900000-0000-7000-8000-0000000000aa';
const SOMEONE = '01900000-0000-7000-8000-0000000000bb';
const HELMOND = '01900000-0000-7000-8000-0000000000c1';
const TILBURG = '01900000-0000-7000-8000-0000000000c2';
const REASON = 'Vervanging collega bij ziekte';

function actor(role: Role, locationIds: string[] = [HELMOND]): Actor {
  return { orgId: ORG, userId: ME, role, displayName: 'x', language: 'nl', locationIds, sessionIdHash: 'h', csrfToken: 'c', mfaPassed: true, mfaEnrolled: true, isDemo: false };
}

/** The relationship cases every role is checked against. */
const CASES: Record<string, ResourceRelations | undefined> = {
  'no resource': undefined,
  'about me': { subjectUserId: ME, locationIds: [TILBURG] },
  'assigned to me': { subjectUserId: SOMEONE, assignedUserIds: [SOMEONE, ME], locationIds: [TILBURG] },
  'my location': { subjectUserId: SOMEONE, locationIds: [TILBURG, HELMOND] },
  'no location': { subjectUserId: SOMEONE, locationIds: [] },
  'other location': { subjectUserId: SOMEONE, assignedUserIds: [SOMEONE], locationIds: [TILBURG] },
  'other organisation': { orgId: OTHER_ORG, subjectUserId: ME, assignedUserIds: [ME], locationIds: [HELMOND] },
};
type Case = keyof typeof CASES;

/** Expected outcome without a reason: a basis when allowed, 'deny' (404) or 'reason' (403 reason_required). */
type Outcome = Basis | 'deny' | 'reason';
const EXPECTED: Record<Role, Record<Case, Outcome>> = {
  admin: { 'no resource': 'permission', 'about me': 'organisation', 'assigned to me': 'organisation', 'my location': 'organisation', 'no location': 'organisation', 'other location': 'organisation', 'other organisation': 'deny' },
  coordinator: { 'no resource': 'permission', 'about me': 'self', 'assigned to me': 'assignment', 'my location': 'location', 'no location': 'no_location', 'other location': 'reason', 'other organisation': 'deny' },
  volunteer: { 'no resource': 'permission', 'about me': 'self', 'assigned to me': 'assignment', 'my location': 'deny', 'no location': 'deny', 'other location': 'deny', 'other organisation': 'deny' },
  parent: { 'no resource': 'permission', 'about me': 'self', 'assigned to me': 'deny', 'my location': 'deny', 'no location': 'deny', 'other location': 'deny', 'other organisation': 'deny' },
  funder: { 'no resource': 'permission', 'about me': 'deny', 'assigned to me': 'deny', 'my location': 'deny', 'no location': 'deny', 'other location': 'deny', 'other organisation': 'deny' },
};

// profile.self is held by every role, so the table isolates the relationship rules.
const P: Permission = 'profile.self';

describe('decide: every role × relationship', () => {
  for (const role of ROLES) {
    for (const [name, resource] of Object.entries(CASES) as Array<[Case, ResourceRelations | undefined]>) {
      const expected = EXPECTED[role][name];
      it(`${role}, ${name} → ${expected}`, () => {
        const d = decide(actor(role), P, resource);
        if (expected === 'deny') expect(d).toEqual({ allowed: false, reasonRequired: false });
        else if (expected === 'reason') expect(d).toEqual({ allowed: false, reasonRequired: true });
        else expect(d).toEqual({ allowed: true, basis: expected, breakTheGlass: false, reason: null });
      });

      // A reason opens only what break-the-glass covers; it never widens any other rule.
      it(`${role}, ${name}, with a reason`, () => {
        const d = decide(actor(role), P, resource, { reason: REASON });
        if (expected === 'reason') expect(d).toEqual({ allowed: true, basis: 'break_the_glass', breakTheGlass: true, reason: REASON });
        else if (expected === 'deny') expect(d.allowed).toBe(false);
        else expect(d).toEqual({ allowed: true, basis: expected, breakTheGlass: false, reason: null });
      });
    }
  }
});

describe('decide: permissions first (deny by default)', () => {
  it('refuses a permission the role does not hold, whatever the relationship', () => {
    expect(decide(actor('volunteer'), 'users.read', { subjectUserId: ME })).toEqual({ allowed: false, reasonRequired: false });
    expect(decide(actor('coordinator'), 'users.manage', { locationIds: [HELMOND] })).toEqual({ allowed: false, reasonRequired: false });
    expect(decide(actor('coordinator'), 'users.manage', { locationIds: [TILBURG] }, { reason: REASON })).toEqual({ allowed: false, reasonRequired: false });
    expect(decide(actor('funder'), 'audit.read')).toEqual({ allowed: false, reasonRequired: false });
  });

  it('refuses an unknown role', () => {
    expect(decide(actor('intruder' as Role), P, { subjectUserId: ME }).allowed).toBe(false);
  });

  it('a coordinator without any location needs a reason for every located record', () => {
    expect(decide(actor('coordinator', []), 'users.read', { locationIds: [HELMOND] })).toEqual({ allowed: false, reasonRequired: true });
    expect(decide(actor('coordinator', []), 'users.read', { locationIds: [] }).allowed).toBe(true);
  });

  it('an empty assignment or a null subject is no relationship', () => {
    expect(decide(actor('volunteer'), P, { assignedUserIds: [], subjectUserId: null }).allowed).toBe(false);
    expect(decide(actor('parent'), P, { subjectUserId: null }).allowed).toBe(false);
  });
});

describe('break-the-glass reasons', () => {
  it('are trimmed and need 10 to 500 characters', () => {
    expect(normaliseReason(`  ${REASON}  `)).toBe(REASON);
    expect(normaliseReason('0123456789')).toBe('0123456789');
    expect(normaliseReason('012345678')).toBeNull();
    expect(normaliseReason('   kort    ')).toBeNull();
    expect(normaliseReason('x'.repeat(500))).toHaveLength(500);
    expect(normaliseReason('x'.repeat(501))).toBeNull();
    expect(normaliseReason('reden met \u0000 erin')).toBeNull();
    expect(normaliseReason(undefined)).toBeNull();
    expect(normaliseReason(null)).toBeNull();
  });

  it('a too short reason still asks for one', () => {
    expect(decide(actor('coordinator'), P, { locationIds: [TILBURG] }, { reason: 'te kort!' })).toEqual({ allowed: false, reasonRequired: true });
  });

  it('the audit reason is the trimmed text', () => {
    expect(authorize(actor('coordinator'), P, { locationIds: [TILBURG] }, `\t${REASON}\n`)).toBe(REASON);
  });
});

describe('assertDecision', () => {
  const thrown = (f: () => unknown): AppError => {
    try {
      f();
    } catch (e) {
      return e as AppError;
    }
    throw new Error('did not throw');
  };

  it('returns the audit reason: null unless break-the-glass', () => {
    expect(assertDecision(decide(actor('admin'), P, { locationIds: [TILBURG] }))).toBeNull();
    expect(assertDecision(decide(actor('coordinator'), P, { locationIds: [HELMOND] }, { reason: REASON }))).toBeNull();
    expect(assertDecision(decide(actor('coordinator'), P, { locationIds: [TILBURG] }, { reason: REASON }))).toBe(REASON);
  });

  it('a refusal is 404 not_found', () => {
    const e = thrown(() => authorize(actor('volunteer'), P, { subjectUserId: SOMEONE }));
    expect(e).toBeInstanceOf(AppError);
    expect([e.code, e.status]).toEqual(['not_found', 404]);
  });

  it('a missing reason is 403 reason_required with texts in Dutch and English', () => {
    const e = thrown(() => authorize(actor('coordinator'), P, { locationIds: [TILBURG] }));
    expect([e.code, e.status]).toEqual(['reason_required', 403]);
    for (const lang of ['nl', 'en'] as const) {
      for (const part of ['title', 'detail']) {
        const text = t(lang, `problem.reason_required.${part}`, e.params);
        expect(text).not.toBe(`problem.reason_required.${part}`);
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
    expect(t('nl', 'problem.reason_required.detail', e.params)).toContain('10 tot 500');
    expect(t('en', 'problem.reason_required.detail', e.params)).toContain('10 to 500');
  });
});

describe('the web app mirrors the server grants', () => {
  // The UI hides what the server would refuse; a drift shows buttons that 404 or hides work people may do.
  it('each role sees exactly the UI permissions the server grants it', async () => {
    const web = await import('../../web/permissions.js');
    const { can: serverCan } = await import('./index.js');
    for (const role of ROLES) {
      for (const p of web.UI_PERMISSIONS) {
        expect(web.can(role, p), `${role} ${p}`).toBe(serverCan({ role }, p as Permission));
      }
    }
  });
});
