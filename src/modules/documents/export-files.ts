import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Config } from '../../platform/config.js';
import type { Executor } from '../../platform/db/index.js';
import { DOCX_MIME, safeFileName } from '../../platform/export/index.js';
import { AppError } from '../../platform/http/errors.js';
import { documentKeys, open } from './crypto.js';
import { documentContents, documents } from './tables.js';

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', [DOCX_MIME]: 'docx' };

/**
 * The uploaded files of one family (its trajectories), decrypted, for the parent's data export
 * (AVG art. 15/20), in the caller's transaction (the caller audits). Not deleted ones only, oldest
 * first. A file that cannot be opened (unknown key, damaged) is left out; its metadata stays in the
 * JSON export.
 */
export async function familyDocumentFiles(
  tx: Executor,
  config: Pick<Config, 'env' | 'documentKey' | 'documentKeysPrevious' | 'secretKey' | 'dataDir'>,
  orgId: string,
  trajectoryIds: readonly string[],
): Promise<Array<{ fileName: string; bytes: Buffer }>> {
  if (!trajectoryIds.length) return [];
  const ring = documentKeys(config);
  const rows = await tx
    .select({ id: documents.id, fileName: documents.fileName, mimeType: documents.mimeType, keyId: documentContents.keyId, iv: documentContents.iv, authTag: documentContents.authTag, ciphertext: documentContents.ciphertext })
    .from(documents)
    .innerJoin(documentContents, and(eq(documentContents.orgId, documents.orgId), eq(documentContents.documentId, documents.id)))
    .where(and(eq(documents.orgId, orgId), inArray(documents.trajectoryId, [...trajectoryIds]), isNull(documents.deletedAt)))
    .orderBy(asc(documents.createdAt), asc(documents.id));
  const out: Array<{ fileName: string; bytes: Buffer }> = [];
  for (const r of rows) {
    try {
      const bytes = open(ring, { keyId: r.keyId, iv: r.iv, authTag: r.authTag, ciphertext: r.ciphertext }, `naast-document:${orgId}:${r.id}`);
      out.push({ fileName: safeFileName(r.fileName, EXTENSIONS[r.mimeType] ?? 'bin'), bytes });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return out;
}
