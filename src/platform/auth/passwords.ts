import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2's Algorithm is an ambient const enum; Argon2id is 2.
const ARGON2ID = 2 as never;

/** argon2id; cost from NAAST_ARGON2_* (tuned in `npm run bench` to 50–150 ms a hash on our machines). */
let cost = { memoryCost: 65536, timeCost: 4 };
export function configurePasswordHashing(c: { memoryCost: number; timeCost: number }) {
  cost = c;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    // Same work as a real check, so an unknown account takes as long as a wrong password.
    await hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.join(ROOT, 'src', 'platform', 'auth', 'common-passwords.txt');
    common = new Set(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  return common;
}

/**
 * A listed password, one padded to 12 characters with digits or symbols ("password1234", "dragon!!!!!!"),
 * a repeated chunk ("abcabcabcabc") or a plain sequence: the first things an attacker tries.
 */
function isCommon(lower: string): boolean {
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const stem = lower.replace(/[\d\p{P}\p{S}\s]+$/u, '');
  if (stem.length >= 3 && stem !== lower && list.has(stem)) return true;
  if (/^(.{1,6})\1+$/su.test(lower)) return true;
  return /^(0123456789|1234567890|abcdefghijkl|qwertyuiop)/.test(lower);
}

/**
 * NIST SP 800-63B: at least 12 characters, not a known common/breached password, nothing else
 * (no composition rules). Returns i18n message keys of the problems.
 */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  const chars = [...password].length;
  if (chars < 12) problems.push('password.too_short');
  if (chars > 256) problems.push('password.too_long');
  const lower = password.toLowerCase();
  if (isCommon(lower)) problems.push('password.common');
  if (email && email.length >= 5 && lower.includes(email.toLowerCase().split('@')[0]!) && email.split('@')[0]!.length >= 4) problems.push('password.contains_email');
  return problems;
}
