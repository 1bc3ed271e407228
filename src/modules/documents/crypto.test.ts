import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { DEVELOPMENT_DOCUMENT_KEY, documentKeys, MissingDocumentKeyError, open, seal } from './crypto.js';

const b64 = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const base = { env: 'test' as const, documentKey: undefined as string | undefined, documentKeysPrevious: [] as string[], secretKey: undefined as string | undefined };

describe('document encryption (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time and no plain bytes in the ciphertext', () => {
    const ring = documentKeys({ ...base, documentKey: b64(1) });
    const plain = Buffer.from('%PDF-1.4 Geheime brief over Noëlle');
    const a = seal(ring, plain, 'doc-1');
    const b = seal(ring, plain, 'doc-1');
    expect(a.iv).toHaveLength(12);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.includes(Buffer.from('Geheime'))).toBe(false);
    expect(open(ring, a, 'doc-1').equals(plain)).toBe(true);
  });

  it('fails on tampered ciphertext, a wrong tag or another document (AAD)', () => {
    const ring = documentKeys({ ...base, documentKey: b64(2) });
    const sealed = seal(ring, Buffer.from('inhoud van de brief'), 'doc-1');
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as AppError).code;
      }
      return 'opened';
    };
    expect(code(() => open(ring, { ...sealed, ciphertext: flipped }, 'doc-1'))).toBe('document_damaged');
    expect(code(() => open(ring, { ...sealed, authTag: Buffer.alloc(16) }, 'doc-1'))).toBe('document_damaged');
    expect(code(() => open(ring, sealed, 'doc-2'))).toBe('document_damaged');
    expect(code(() => open(ring, { ...sealed, keyId: 'k-unknown' }, 'doc-1'))).toBe('document_key_unknown');
  });

  it('keeps old documents readable after a key rotation', () => {
    const old = documentKeys({ ...base, documentKey: b64(3) });
    const sealed = seal(old, Buffer.from('oud'), 'doc');
    const rotated = documentKeys({ ...base, documentKey: b64(4), documentKeysPrevious: [b64(3)] });
    expect(rotated.current.id).not.toBe(sealed.keyId);
    expect(open(rotated, sealed, 'doc').toString()).toBe('oud');
    expect(seal(rotated, Buffer.from('nieuw'), 'doc').keyId).toBe(rotated.current.id);
  });

  it('needs a key in production; elsewhere derives one from NAAST_SECRET_KEY or uses the public development key', () => {
    expect(() => documentKeys({ ...base, env: 'production' })).toThrow(MissingDocumentKeyError);
    expect(() => documentKeys({ ...base, env: 'production' })).toThrow(/NAAST_DOCUMENT_KEY/);
    const derived = documentKeys({ ...base, secretKey: 'ab'.repeat(32) });
    expect(derived.current.id).toMatch(/^d[0-9a-f]{12}$/);
    expect(derived.current.key.equals(DEVELOPMENT_DOCUMENT_KEY)).toBe(false);
    expect(documentKeys(base).current).toEqual({ id: 'dev-public', key: DEVELOPMENT_DOCUMENT_KEY });
  });
});
