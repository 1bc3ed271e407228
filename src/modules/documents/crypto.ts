import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../../platform/config.js';
import { MissingSecretKeyError, secretKey } from '../../platform/auth/secrets.js';
import { AppError } from '../../platform/http/errors.js';

/**
 * Documents are encrypted at rest with AES-256-GCM (random 12-byte IV per document, 16-byte tag).
 * The key comes from NAAST_DOCUMENT_KEY; each stored row names its key by id, so after a rotation
 * the old key (NAAST_DOCUMENT_KEYS_PREVIOUS) still opens older documents.
 *
 * Outside production without NAAST_DOCUMENT_KEY: a key derived (HKDF, label "naast-documents") from
 * the installation's own secret (`platform/auth/secrets`: NAAST_SECRET_KEY, or the key generated once
 * into <data>/secret.key), id `derived-1`. Production without NAAST_DOCUMENT_KEY is an error.
 *
 * Read-only, for documents stored by earlier versions: the fixed public development key
 * (`dev-public`, outside production only — it is public, so it protects nothing) and the earlier
 * derivation from NAAST_SECRET_KEY (label naast-documents-v1, id `d<hash>`). Nothing new is sealed with them.
 */
export const DEVELOPMENT_DOCUMENT_KEY = createHash('sha256').update('naast-PUBLIC-development-document-key-not-secret').digest();
export const DERIVED_KEY_ID = 'derived-1';
export const DEVELOPMENT_KEY_ID = 'dev-public';

export type DocumentKey = { id: string; key: Buffer };
export type DocumentKeyring = { current: DocumentKey; all: Map<string, Buffer> };

export class MissingDocumentKeyError extends Error {
  constructor() {
    super('NAAST_DOCUMENT_KEY is not set. In production Naast needs it to encrypt uploaded documents: set it to 32 random bytes in base64, e.g. from `openssl rand -base64 32`.');
    this.name = 'MissingDocumentKeyError';
  }
}

/** A key's id: a short hash of the key itself, so the same key always has the same id after a rotation. */
const keyId = (key: Buffer, prefix: string) => `${prefix}${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
const hkdf = (secret: Buffer, label: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), label, 32));

/** The document key derived from the installation's secret (never used as is, never logged). */
export function derivedDocumentKey(secret: Buffer): Buffer {
  return hkdf(secret, 'naast-documents');
}

type KeyConfig = Pick<Config, 'env' | 'documentKey' | 'documentKeysPrevious' | 'secretKey' | 'dataDir'>;

const rings = new Map<string, DocumentKeyring>();

export function documentKeys(config: KeyConfig): DocumentKeyring {
  const cacheKey = [config.env, config.dataDir, config.documentKey ?? '', config.secretKey ?? '', ...config.documentKeysPrevious].join('|');
  const cached = rings.get(cacheKey);
  if (cached) return cached;
  if (!config.documentKey && config.env === 'production') throw new MissingDocumentKeyError();
  // The installation's secret: from NAAST_SECRET_KEY, or outside production generated once into the data dir.
  let secret: Buffer | undefined;
  try {
    secret = secretKey(config);
  } catch (err) {
    if (!(err instanceof MissingSecretKeyError)) throw err;
  }
  const all = new Map<string, Buffer>();
  let current: DocumentKey;
  if (config.documentKey) {
    const key = Buffer.from(config.documentKey, 'base64');
    current = { id: keyId(key, 'k'), key };
  } else {
    current = { id: DERIVED_KEY_ID, key: derivedDocumentKey(secret!) };
  }
  // Readable, never used to seal: what earlier versions (or this one before a key was set) stored.
  if (config.env !== 'production') all.set(DEVELOPMENT_KEY_ID, DEVELOPMENT_DOCUMENT_KEY);
  if (secret) {
    all.set(DERIVED_KEY_ID, derivedDocumentKey(secret));
    if (config.secretKey) {
      const legacy = hkdf(secret, 'naast-documents-v1');
      all.set(keyId(legacy, 'd'), legacy);
    }
  }
  for (const b64 of config.documentKeysPrevious) {
    const key = Buffer.from(b64, 'base64');
    all.set(keyId(key, 'k'), key);
  }
  all.set(current.id, current.key);
  const ring = { current, all };
  rings.set(cacheKey, ring);
  return ring;
}

export type Sealed = { keyId: string; iv: Buffer; authTag: Buffer; ciphertext: Buffer };

/** `aad` binds the ciphertext to its document (org and id), so rows cannot be swapped between documents. */
export function seal(ring: DocumentKeyring, plain: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { keyId: ring.current.id, iv, authTag: cipher.getAuthTag(), ciphertext };
}

/** Throws document_unreadable (500-free: 409) when the key is unknown or the content was changed. */
export function open(ring: DocumentKeyring, sealed: Sealed, aad: string): Buffer {
  const key = ring.all.get(sealed.keyId);
  if (!key) throw new AppError('document_key_unknown', 409);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    throw new AppError('document_damaged', 409);
  }
}
