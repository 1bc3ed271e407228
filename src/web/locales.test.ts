import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZAuditAction } from '../shared/audit.js';
import { ZRole } from '../shared/common.js';
import { ZFunding } from '../shared/organisation.js';
import { ZUserStatus } from '../shared/users.js';
import en from './locales/en.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };

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
        const permission = /^(users|org|audit)\.(read|manage|settings\.(read|manage))$/.test(key);
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
