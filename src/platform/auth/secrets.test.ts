import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, keyedHash, MissingSecretKeyError, secretKey } from './secrets.js';
import { lockDurationMs, RULES } from './throttle.js';
import { newRecoveryCodes, normaliseRecoveryCode, totpStep } from './totp.js';
import { Secret, TOTP } from 'otpauth';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-secret-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('secret key', () => {
  it('uses NAAST_SECRET_KEY when set', () => {
    const hex = 'ab'.repeat(32);
    expect(secretKey({ secretKey: hex, env: 'production', dataDir: tmp() }).toString('hex')).toBe(hex);
  });

  it('outside production generates one key file (mode 0600) and reuses it', () => {
    const dataDir = tmp();
    const a = secretKey({ secretKey: undefined, env: 'development', dataDir });
    const file = path.join(dataDir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(a.toString('hex'));
    expect(secretKey({ secretKey: undefined, env: 'development', dataDir }).equals(a)).toBe(true);
  });

  it('refuses to run in production without a key, with a clear message', () => {
    expect(() => secretKey({ secretKey: undefined, env: 'production', dataDir: tmp() })).toThrow(MissingSecretKeyError);
    expect(() => secretKey({ secretKey: undefined, env: 'production', dataDir: tmp() })).toThrow(/NAAST_SECRET_KEY/);
  });
});

describe('encryption', () => {
  const key = Buffer.alloc(32, 7);
  it('round-trips, and fails for another row or another key', () => {
    const sealed = encrypt(key, 'JBSWY3DPEHPK3PXP', 'totp:org:user1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(decrypt(key, sealed, 'totp:org:user1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => decrypt(key, sealed, 'totp:org:user2')).toThrow();
    expect(() => decrypt(Buffer.alloc(32, 8), sealed, 'totp:org:user1')).toThrow();
    expect(encrypt(key, 'x', 'c')).not.toBe(encrypt(key, 'x', 'c')); // fresh IV each time
  });
  it('keyed hashes depend on the key', () => {
    expect(keyedHash(key, 'abc')).not.toBe(keyedHash(Buffer.alloc(32, 1), 'abc'));
  });
});

describe('throttle and codes', () => {
  it('locks from the threshold on, doubling up to the cap', () => {
    const r = RULES.account;
    expect([4, 5, 6, 7].map((f) => lockDurationMs(r, f) / 60_000)).toEqual([0, 1, 2, 4]);
    expect(lockDurationMs(r, 100)).toBe(r.maxLockMs);
  });

  it('accepts a TOTP code one step either side and reports its step', () => {
    const secret = new Secret({ size: 20 }).base32;
    const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(totpStep(secret, totp.generate({ timestamp: now }), now)).toBe(step);
    expect(totpStep(secret, totp.generate({ timestamp: now - 30_000 }), now)).toBe(step - 1);
    expect(totpStep(secret, totp.generate({ timestamp: now + 30_000 }), now)).toBe(step + 1);
    expect(totpStep(secret, totp.generate({ timestamp: now + 90_000 }), now)).toBeUndefined();
    expect(totpStep(secret, 'abcdef', now)).toBeUndefined();
  });

  it('makes 10 distinct readable recovery codes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(normaliseRecoveryCode(' AbCde-FgHjk ')).toBe('abcdefghjk');
  });
});
