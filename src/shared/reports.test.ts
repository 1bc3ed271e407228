import { describe, expect, it } from 'vitest';
import { diffVersions, ZRespondRequest, type TDiffPart } from './reports.js';

const side = (parts: TDiffPart[], keep: 'removed' | 'added') => parts.filter((p) => p.kind === 'same' || p.kind === keep).map((p) => p.text).join('');

describe('diffVersions', () => {
  it('marks an inserted word and keeps the rest as it was', () => {
    expect(diffVersions('Hallo wereld', 'Hallo mooie wereld')).toEqual([
      { kind: 'same', text: 'Hallo ' },
      { kind: 'added', text: 'mooie ' },
      { kind: 'same', text: 'wereld' },
    ]);
  });

  it('shows a replaced word as removed, then added', () => {
    expect(diffVersions('De jeugdbeschermer belt maandag.', 'De jeugdbeschermer belt dinsdag.')).toEqual([
      { kind: 'same', text: 'De jeugdbeschermer belt ' },
      { kind: 'removed', text: 'maandag.' },
      { kind: 'added', text: 'dinsdag.' },
    ]);
  });

  it('equal texts are one same part; empty ones give nothing', () => {
    expect(diffVersions('Gelijk\nvan regel', 'Gelijk\nvan regel')).toEqual([{ kind: 'same', text: 'Gelijk\nvan regel' }]);
    expect(diffVersions('', '')).toEqual([]);
    expect(diffVersions('', 'Nieuw')).toEqual([{ kind: 'added', text: 'Nieuw' }]);
    expect(diffVersions('Weg', '')).toEqual([{ kind: 'removed', text: 'Weg' }]);
  });

  it('keeps line breaks and merges neighbouring parts of one kind', () => {
    const a = 'Eerste regel.\nTweede regel.\nDerde regel.';
    const b = 'Eerste regel.\nDerde regel.\nVierde regel erbij.';
    const parts = diffVersions(a, b);
    expect(parts[0]).toEqual({ kind: 'same', text: 'Eerste regel.\n' });
    expect(parts[1]).toEqual({ kind: 'removed', text: 'Tweede regel.\n' });
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toContain('Vierde regel erbij.');
    expect(side(parts, 'removed')).toBe(a);
    expect(side(parts, 'added')).toBe(b);
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.kind).not.toBe(parts[i - 1]!.kind);
  });

  it('rebuilds both versions from the parts, also for long texts compared by lines', () => {
    const words = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i % 7 === 0 ? '\n' : ' '}`).join('');
    const a = words(3000, 'oud') + 'midden ' + words(3000, 'oud');
    const b = words(3000, 'nieuw') + 'midden ' + words(2000, 'oud');
    const parts = diffVersions(a, b);
    expect(side(parts, 'removed')).toBe(a);
    expect(side(parts, 'added')).toBe(b);
    const small = diffVersions('a b c d e f', 'a x c d y f');
    expect(side(small, 'removed')).toBe('a b c d e f');
    expect(side(small, 'added')).toBe('a x c d y f');
  });
});

describe('ZRespondRequest', () => {
  it('needs a comment when the parent wants to add something, at most 4000 characters', () => {
    expect(ZRespondRequest.safeParse({ response: 'agreed' }).success).toBe(true);
    const missing = ZRespondRequest.safeParse({ response: 'commented', comment: '   ' });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues[0]!.path).toEqual(['comment']);
    expect(ZRespondRequest.safeParse({ response: 'commented', comment: 'x'.repeat(4001) }).success).toBe(false);
    expect(ZRespondRequest.safeParse({ response: 'commented', comment: 'Het was dinsdag.' }).success).toBe(true);
  });
});
