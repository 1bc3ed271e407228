import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZAuditAction } from '../shared/audit.js';
import { ZRole } from '../shared/common.js';
import { ZFunding } from '../shared/organisation.js';
import { ZUserStatus } from '../shared/users.js';
import { MATCH_MEASURES, ZExclusionCode, ZMatchStatus } from '../shared/matching.js';
import { ZMyApplication } from '../shared/waiting-list.js';
import { APPLICATION_CHANNELS, APPLICATION_STATUSES, INSTITUTION_KINDS, INTAKE_DECISIONS, MEASURES, REFERRER_TYPES, ZDueState, ZQueue } from '../shared/intake.js';
import { LANGUAGES } from './modules/intake/ApplicationFields.js';
import { en, nl } from './locales/index.js';
import { UI_PERMISSIONS } from './permissions.js';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const NL = flatten(nl as Tree);
const EN = flatten(en as Tree);

describe('web locale files', () => {
  it('Dutch and English have exactly the same keys, none empty', () => {
    expect([...EN.keys()].sort()).toEqual([...NL.keys()].sort());
    for (const [k, v] of [...NL, ...EN]) expect(v.trim(), k).not.toBe('');
  });

  it('every translation key used in the web code exists in both languages', () => {
    const namespaces = new Set([...NL.keys()].map((k) => k.split('.')[0]));
    const used = new Set<string>();
    for (const file of sources(import.meta.dirname)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/['"]([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)['"]/g)) {
        const key = m[1]!;
        // Permission names ('users.read') share the look of keys but are not texts.
        const permission = (UI_PERMISSIONS as readonly string[]).includes(key);
        if (namespaces.has(key.split('.')[0]!) && !permission && !/\.(js|json|css|svg|txt|tsx?)$/.test(key)) used.add(key);
      }
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !NL.has(k) || !EN.has(k));
    expect(missing).toEqual([]);
  });

  it('keys built from API values cover every value the API can send', () => {
    const dynamic = [
      ...ZRole.options.map((r) => `roles.${r}`),
      ...ZUserStatus.options.map((s) => `status.${s}`),
      ...ZFunding.options.map((f) => `funding.${f}`),
      ...ZAuditAction.options.map((a) => `actions.${a}`),
      ...ZRole.options.flatMap((r) => ['intro', 'section', 'emptyTitle', 'emptyText'].map((p) => `home.${r}.${p}`)),
      ...APPLICATION_STATUSES.map((s) => `intake.status.${s}`),
      ...APPLICATION_CHANNELS.map((c) => `intake.channel.${c}`),
      ...REFERRER_TYPES.map((r) => `intake.referrer.${r}`),
      ...INTAKE_DECISIONS.flatMap((d) => [`intake.decision.${d}`, `intake.decisionHint.${d}`]),
      ...ZQueue.options.map((q) => `intake.queue.${q}`),
      ...ZDueState.options.map((d) => `intake.due.${d}`),
      ...[1, 2, 3].map((p) => `intake.detail.priority${p}`),
      ...MEASURES.flatMap((m) => [`applicationForm.measure.${m}`, `applicationForm.measureExplain.${m}`]),
      ...INSTITUTION_KINDS.map((k) => `applicationForm.institutionKind.${k}`),
      ...['parent', 'carer'].map((r) => `applicationForm.relation.${r}`),
      ...LANGUAGES.map((l) => `applicationForm.languages.${l}`),
      ...MATCH_MEASURES.map((m) => `matching.measures.${m}`),
      ...ZExclusionCode.options.map((e) => `matching.exclusion.${e}`),
      ...['measure', 'institution'].flatMap((c) => ['Named', 'None', 'NotKnown', 'One', 'All', 'Some'].map((s) => `matching.reason.${c}${s}`)),
      ...ZMatchStatus.options.map((s) => `offers.status.${s}`),
      ...ZMyApplication.shape.status.options.flatMap((s) => [`myApplication.status.${s}.title`, `myApplication.status.${s}.text`]),
      'language.nl',
      'language.en',
    ];
    expect(dynamic.filter((k) => !NL.has(k) || !EN.has(k))).toEqual([]);
  });

  it('interpolations match between the languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of NL) expect(vars(EN.get(k) ?? ''), k).toEqual(vars(v));
  });
});
