import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { DERIVED_KEY_ID, DEVELOPMENT_DOCUMENT_KEY, documentKeys, MissingDocumentKeyError, open, seal, type DocumentKeyring } from './crypto.js';

const b64 = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-doc-keys-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const base = () => ({ env: 'test' as const, documentKey: undefined as string | undefined, documentKeysPrevious: [] as string[], secretKey: undefined as string | undefined, dataDir: freshDir() });

/** What an earlier version stored without any key configured: sealed with the public development key. */
const devPublicRing = (): DocumentKeyring => ({ current: { id: 'dev-public', key: DEVELOPMENT_DOCUMENT_KEY }, all: new Map([['dev-public', DEVELOPMENT_DOCUMENT_KEY]]) });

const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return (err as AppError).code;
  }
  return 'opened';
};

describe('document encryption (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time and no plain bytes in the ciphertext', () => {
    const ring = documentKeys({ ...base(), documentKey: b64(1) });
    const plain = Buffer.from('%PDF-1.4 Geheime brief over Noëlle');
    const a = seal(ring, plain, 'doc-1');
    const b = seal(ring, plain, 'doc-1');
    expect(a.iv).toHaveLength(12);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.includes(Buffer.from('Geheime'))).toBe(false);
    expect(open(ring, a, 'doc-1').equals(plain)).toBe(true);
  });

  it('fails on tampered ciphertext, a wrong tag or another document (AAD)', () => {
    const ring = documentKeys({ ...base(), documentKey: b64(2) });
    const sealed = seal(ring, Buffer.from('inhoud van de brief'), 'doc-1');
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    expect(code(() => open(ring, { ...sealed, ciphertext: flipped }, 'doc-1'))).toBe('document_damaged');
    expect(code(() => open(ring, { ...sealed, authTag: Buffer.alloc(16) }, 'doc-1'))).toBe('document_damaged');
    expect(code(() => open(ring, sealed, 'doc-2'))).toBe('document_damaged');
    expect(code(() => open(ring, { ...sealed, keyId: 'k-unknown' }, 'doc-1'))).toBe('document_key_unknown');
  });

  it('keeps old documents readable after a key rotation', () => {
    const old = documentKeys({ ...base(), documentKey: b64(3) });
    const sealed = seal(old, Buffer.from('oud'), 'doc');
    const rotated = documentKeys({ ...base(), documentKey: b64(4), documentKeysPrevious: [b64(3)] });
    expect(rotated.current.id).not.toBe(sealed.keyId);
    expect(open(rotated, sealed, 'doc').toString()).toBe('oud');
    expect(seal(rotated, Buffer.from('nieuw'), 'doc').keyId).toBe(rotated.current.id);
  });

  it('needs a key in production, even with a secret key set', () => {
    expect(() => documentKeys({ ...base(), env: 'production' })).toThrow(MissingDocumentKeyError);
    expect(() => documentKeys({ ...base(), env: 'production', secretKey: 'ab'.repeat(32) })).toThrow(/NAAST_DOCUMENT_KEY/);
  });

  it('without NAAST_DOCUMENT_KEY derives the key from the installation secret, never the public development key', () => {
    const a = documentKeys({ ...base(), secretKey: 'ab'.repeat(32) });
    const b = documentKeys({ ...base(), secretKey: 'cd'.repeat(32) });
    expect(a.current.id).toBe(DERIVED_KEY_ID);
    expect(b.current.id).toBe(DERIVED_KEY_ID);
    expect(a.current.key).toHaveLength(32);
    expect(a.current.key.equals(b.current.key)).toBe(false);
    expect(a.current.key.equals(DEVELOPMENT_DOCUMENT_KEY)).toBe(false);
    // The same secret gives the same key (a restart reads its documents); another secret cannot open them.
    expect(documentKeys({ ...base(), secretKey: 'ab'.repeat(32) }).current.key.equals(a.current.key)).toBe(true);
    const sealed = seal(a, Buffer.from('brief'), 'doc');
    expect(sealed.keyId).toBe('derived-1');
    expect(code(() => open(b, sealed, 'doc'))).toBe('document_damaged');
  });

  it('without any key set uses the secret generated once into the data dir: stable per installation, different between two', () => {
    const dataDir = freshDir();
    const first = documentKeys({ ...base(), dataDir });
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(true);
    expect(first.current.id).toBe(DERIVED_KEY_ID);
    const sealed = seal(first, Buffer.from('brief'), 'doc');
    // Another installation (another data dir) has another secret, so another key.
    const other = documentKeys(base());
    expect(other.current.key.equals(first.current.key)).toBe(false);
    expect(code(() => open(other, sealed, 'doc'))).toBe('document_damaged');
    expect(open(documentKeys({ ...base(), dataDir }), sealed, 'doc').toString()).toBe('brief');
  });

  it('still opens documents stored with the old public development key, and seals new ones with the derived key', () => {
    const stored = seal(devPublicRing(), Buffer.from('oude brief'), 'doc');
    expect(stored.keyId).toBe('dev-public');
    const ring = documentKeys(base());
    expect(open(ring, stored, 'doc').toString()).toBe('oude brief');
    expect(seal(ring, Buffer.from('nieuwe brief'), 'doc').keyId).toBe('derived-1');
    // Also after a real key was set outside production (documents from the derived key stay readable too).
    const dataDir = freshDir();
    const before = seal(documentKeys({ ...base(), dataDir }), Buffer.from('afgeleid'), 'doc');
    const withKey = documentKeys({ ...base(), dataDir, documentKey: b64(5) });
    expect(open(withKey, stored, 'doc').toString()).toBe('oude brief');
    expect(open(withKey, before, 'doc').toString()).toBe('afgeleid');
    expect(seal(withKey, Buffer.from('x'), 'doc').keyId).toMatch(/^k[0-9a-f]{12}$/);
  });

  it('production never accepts the public development key', () => {
    const stored = seal(devPublicRing(), Buffer.from('oude brief'), 'doc');
    const ring = documentKeys({ ...base(), env: 'production', documentKey: b64(6), secretKey: 'ef'.repeat(32) });
    expect(code(() => open(ring, stored, 'doc'))).toBe('document_key_unknown');
  });
});
