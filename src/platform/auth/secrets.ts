import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * The server's secret key (32 bytes): NAAST_SECRET_KEY, or outside production a key generated once
 * into <data>/secret.key (mode 0600) so a demo keeps working across restarts without setup.
 */
const keys = new Map<string, Buffer>();

export class MissingSecretKeyError extends Error {
  constructor() {
    super('NAAST_SECRET_KEY is not set. In production Naast needs it to encrypt two-factor secrets: set it to 64 hex characters, e.g. from `openssl rand -hex 32`.');
    this.name = 'MissingSecretKeyError';
  }
}

export function secretKey(config: Pick<Config, 'secretKey' | 'env' | 'dataDir'>): Buffer {
  if (config.secretKey) return Buffer.from(config.secretKey, 'hex');
  if (config.env === 'production') throw new MissingSecretKeyError();
  const file = path.join(config.dataDir, 'secret.key');
  const cached = keys.get(file);
  if (cached) return cached;
  let hex: string;
  try {
    hex = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    fs.mkdirSync(config.dataDir, { recursive: true });
    hex = randomBytes(32).toString('hex');
    try {
      fs.writeFileSync(file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process created it first: use theirs, or the two would disagree.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      hex = fs.readFileSync(file, 'utf8').trim();
    }
  }
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} does not hold a 64-hex-character key; remove it or set NAAST_SECRET_KEY`);
  const key = Buffer.from(hex, 'hex');
  keys.set(file, key);
  return key;
}

/** Separate sub-keys per purpose, so one use can never be turned against another. */
function subKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `naast:${purpose}:v1`, 32));
}

/** AES-256-GCM; `context` (e.g. org and user id) is bound as associated data, so a ciphertext copied to another row does not decrypt. */
export function encrypt(master: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', subKey(master, 'encrypt'), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decrypt(master: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, ct] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', subKey(master, 'encrypt'), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Keyed hash for short secrets (recovery codes): a stolen database alone cannot brute-force them. */
export function keyedHash(master: Buffer, value: string): string {
  return createHmac('sha256', subKey(master, 'hash')).update(value, 'utf8').digest('hex');
}
