import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { nonZero, type PersonalDataScope } from '../../platform/privacy/registry.js';
import { personalDataParts } from '../../personal-data.js';
import { applicationsOfParent } from '../intake/public.js';
import { trajectoriesOfApplication } from '../trajectories/public.js';
import { destructionRecords } from './tables.js';
import { execRows } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';

/** A family's scope (application, its trajectories, the parent account) from one of its trajectories. */
export async function scopeOfTrajectory(tx: Executor, orgId: string, trajectoryId: string): Promise<PersonalDataScope | null> {
  const [row] = await execRows<{ application_id: string; parent_user_id: string | null }>(
    tx,
    sql`select t.application_id::text, a.parent_user_id::text from trajectories t join applications a on a.org_id = t.org_id and a.id = t.application_id
         where t.org_id = ${orgId} and t.id = ${trajectoryId}`,
  );
  if (!row) return null;
  const trajectories = await trajectoriesOfApplication(tx, orgId, row.application_id);
  return { applicationId: row.application_id, trajectoryIds: trajectories.map((t) => t.id), parentUserId: row.parent_user_id };
}

/** Every family (application) whose parent account is userId, newest trajectory first. */
export async function scopesOfParent(tx: Executor, orgId: string, userId: string): Promise<Array<PersonalDataScope & { reference: string }>> {
  const apps = await applicationsOfParent(tx, orgId, userId);
  const out: Array<PersonalDataScope & { reference: string }> = [];
  for (const a of apps) {
    const trajectories = await trajectoriesOfApplication(tx, orgId, a.id);
    out.push({ applicationId: a.id, reference: a.reference, trajectoryIds: trajectories.map((t) => t.id), parentUserId: userId });
  }
  return out;
}

/** True when a legal hold on one of the trajectories is active (not lifted). */
export async function hasActiveHold(tx: Executor, orgId: string, trajectoryIds: readonly string[]): Promise<boolean> {
  if (!trajectoryIds.length) return false;
  const [row] = await execRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from legal_holds where org_id = ${orgId} and trajectory_id = any(${sql.param([...trajectoryIds])}::uuid[]) and lifted_at is null`,
  );
  return Number(row?.n ?? 0) > 0;
}

export type ErasureRule = 'retention' | 'erasure_request';

/**
 * Erases one family's dossier through every part of the personal-data map, in the caller's
 * transaction, and writes a destruction record (counts only). Returns null when a legal hold is
 * active (nothing is touched). The caller clears the sign-in directory afterwards (platform/privacy/account clearSignInDirectory).
 */
export async function eraseFamily(
  tx: Executor,
  orgId: string,
  scope: PersonalDataScope,
  rule: ErasureRule,
): Promise<{ recordId: string; counts: Record<string, number> } | null> {
  if (!scope.trajectoryIds.length) return null;
  // Lock the family's trajectories: a retention run and an erasure decision at the same moment erase once.
  const locked = await execRows<{ erased: boolean }>(
    tx,
    sql`select erased_at is not null as erased from trajectories where org_id = ${orgId} and id = any(${sql.param([...scope.trajectoryIds])}::uuid[]) for update`,
  );
  if (locked.length && locked.every((r) => r.erased)) throw new AppError('privacy_dossier_erased', 409);
  if (await hasActiveHold(tx, orgId, scope.trajectoryIds)) return null;
  const emails = new Set<string>();
  for (const part of personalDataParts) for (const e of (await part.emailsOf?.(tx, orgId, scope)) ?? []) if (e) emails.add(e.toLowerCase());
  const full: PersonalDataScope = { ...scope, emails: [...emails] };
  const counts: Record<string, number> = {};
  for (const part of personalDataParts) Object.assign(counts, await part.eraseFor(tx, orgId, full));
  const recordId = uuidv7();
  await tx.insert(destructionRecords).values({ orgId, id: recordId, trajectoryId: scope.trajectoryIds[0]!, rule, counts: nonZero(counts) });
  return { recordId, counts: nonZero(counts) };
}
