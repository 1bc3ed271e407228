// Small batch reads of applications for other modules (through public.ts): no personal data.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { applications } from './tables.js';

export interface ApplicationRef {
  /** The family's reference (e.g. "2026-0042"), never a name. */
  reference: string;
  municipalityCode: string;
  /** The parent's account, null while the parent has none. */
  parentUserId: string | null;
}

/**
 * Reference, municipality and parent account of applications, one statement for any number of ids
 * (lists join it in memory, no N+1). Unknown ids are absent from the map.
 */
export async function applicationRefsOf(tx: Executor, orgId: string, applicationIds: readonly string[]): Promise<Map<string, ApplicationRef>> {
  const out = new Map<string, ApplicationRef>();
  const ids = [...new Set(applicationIds)];
  if (!ids.length) return out;
  const rows = await tx
    .select({ id: applications.id, reference: applications.reference, municipalityCode: applications.municipalityCode, parentUserId: applications.parentUserId })
    .from(applications)
    .where(and(eq(applications.orgId, orgId), sql`${applications.id} = any(${sql.param(ids)}::uuid[])`));
  for (const r of rows) out.set(r.id, { reference: r.reference, municipalityCode: r.municipalityCode, parentUserId: r.parentUserId });
  return out;
}
