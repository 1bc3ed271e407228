import { sql } from 'drizzle-orm';
import { execRows, type Executor } from '../../platform/db/index.js';

/**
 * Correction (rectificatie, AVG art. 16, issue 6): the texts of a trajectory a parent may ask to
 * correct, and the change once the coordinator accepts. The privacy module keeps the old text.
 */
export type TrajectoryCorrectable = 'contact' | 'agreement' | 'help_question' | 'family_map_member';

const TARGET: Record<TrajectoryCorrectable, { table: string; column: string }> = {
  contact: { table: 'trajectory_contacts', column: 'note' },
  agreement: { table: 'agreements', column: 'description' },
  help_question: { table: 'help_questions', column: 'question' },
  family_map_member: { table: 'family_map_members', column: 'note' },
};

/** The item's current text when it belongs to the trajectory; null when it does not (or does not exist). */
export async function correctableText(tx: Executor, orgId: string, trajectoryId: string, kind: TrajectoryCorrectable, id: string): Promise<string | null> {
  const t = TARGET[kind];
  const [row] = await execRows<{ text: string | null }>(
    tx,
    sql`select ${sql.raw(t.column)} as text from ${sql.raw(t.table)} where org_id = ${orgId} and id = ${id} and trajectory_id = ${trajectoryId}`,
  );
  return row ? (row.text ?? '') : null;
}

/** Replaces the item's text; returns the previous text (null: the item is gone). */
export async function applyCorrection(tx: Executor, orgId: string, kind: TrajectoryCorrectable, id: string, text: string): Promise<string | null> {
  const t = TARGET[kind];
  const [row] = await execRows<{ previous: string | null }>(
    tx,
    sql`update ${sql.raw(t.table)} n set ${sql.raw(t.column)} = ${text}, updated_at = now()
          from ${sql.raw(t.table)} o where o.org_id = n.org_id and o.id = n.id and n.org_id = ${orgId} and n.id = ${id}
        returning o.${sql.raw(t.column)} as previous`,
  );
  return row ? (row.previous ?? '') : null;
}

/** Every correctable item of these trajectories with its text (the parent's correction form). */
export async function correctableItems(tx: Executor, orgId: string, trajectoryIds: readonly string[]): Promise<Array<{ kind: TrajectoryCorrectable; id: string; trajectoryId: string; text: string }>> {
  if (!trajectoryIds.length) return [];
  const ids = sql`${sql.param([...trajectoryIds])}::uuid[]`;
  return execRows(
    tx,
    sql`select 'contact' as kind, id::text, trajectory_id::text as "trajectoryId", note as text, occurred_on::text as sort from trajectory_contacts where org_id = ${orgId} and trajectory_id = any(${ids}) and note is not null and note <> ''
        union all select 'agreement', id::text, trajectory_id::text, description, created_at::date::text from agreements where org_id = ${orgId} and trajectory_id = any(${ids})
        union all select 'help_question', id::text, trajectory_id::text, question, created_at::date::text from help_questions where org_id = ${orgId} and trajectory_id = any(${ids})
        union all select 'family_map_member', id::text, trajectory_id::text, name || coalesce(': ' || note, ''), created_at::date::text from family_map_members where org_id = ${orgId} and trajectory_id = any(${ids})
        order by sort desc, id desc limit 500`,
  );
}
