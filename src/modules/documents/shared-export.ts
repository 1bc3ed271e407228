import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { paragraphsFromText, type ExportDocument } from '../../platform/export/index.js';
import { letters, letterVersions } from './tables.js';

/**
 * A letter as a document for a recipient outside the organisation (issue 6). Called only by the
 * consent module's sharing routes, after its gate allowed the share (no access check or audit here:
 * the gate records the share, the caller audits). The current version, as the staff export renders
 * it; null when the letter is not of this trajectory.
 */
export async function letterDocumentForSharing(tx: Executor, orgId: string, trajectoryId: string, letterId: string): Promise<ExportDocument | null> {
  const [r] = await tx
    .select({ title: letters.title, body: letterVersions.body })
    .from(letters)
    .innerJoin(letterVersions, and(eq(letterVersions.orgId, letters.orgId), eq(letterVersions.letterId, letters.id), eq(letterVersions.version, letters.currentVersion)))
    .where(and(eq(letters.orgId, orgId), eq(letters.trajectoryId, trajectoryId), eq(letters.id, letterId)));
  if (!r) return null;
  return { title: r.title, sections: [{ paragraphs: paragraphsFromText(r.body) }], lang: 'nl-NL' };
}
