import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { passwordProblems } from './passwords.js';

const LIST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt');

describe('common password list', () => {
  it('ships at least 10,000 entries with its source and licence in a comment line', () => {
    const lines = fs.readFileSync(LIST, 'utf8').split('\n');
    expect(lines[0]).toMatch(/^# source: .*zxcvbn.*MIT/);
    const entries = lines.filter((l) => l && !l.startsWith('#'));
    expect(entries.length).toBeGreaterThanOrEqual(10_000);
    expect(new Set(entries).size).toBe(entries.length);
  });
});

describe('passwordProblems (NIST SP 800-63B)', () => {
  it('accepts a long uncommon password without composition rules', () => {
    expect(passwordProblems('paars olifantje fietst')).toEqual([]);
    expect(passwordProblems('Paars-olifantje-fietst-9', 'jan@example.org')).toEqual([]);
  });

  it('wants at least 12 characters (counted as characters, not bytes)', () => {
    expect(passwordProblems('kort')).toContain('password.too_short');
    expect(passwordProblems('ééééé-ééééé')).toContain('password.too_short');
    expect(passwordProblems('😀'.repeat(12))).not.toContain('password.too_short');
  });

  it('refuses listed passwords, padded ones, repeats and sequences', () => {
    for (const p of ['1q2w3e4r5t6y', 'leavemealone', 'QWERTY123456', 'password1234', 'sunshine2024!', 'abcabcabcabc', 'aaaaaaaaaaaaaa', '1234567890ab', 'qwertyuiopasdf']) {
      expect(passwordProblems(p), p).toContain('password.common');
    }
    // The header line is not a password.
    expect(passwordProblems('# source: npm package zxcvbn')).not.toContain('password.common');
  });

  it('refuses the own email name inside the password', () => {
    expect(passwordProblems('petra.jansen-2024-zomer', 'Petra.Jansen@example.org')).toContain('password.contains_email');
  });
});
