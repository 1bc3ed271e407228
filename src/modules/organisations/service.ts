import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { ensureAuditHeads } from '../../platform/audit/index.js';
import { tablesInForeignKeyOrder } from '../../platform/db/backup.js';
import { rowsOf } from '../../platform/db/index.js';
import { locations, organisations, workArea } from './tables.js';

export interface NewOrganisation {
  name: string;
  locations?: string[];
  /** municipality CBS code → location name and funding route */
  workArea?: Array<{ municipalityCode: string; location: string; funding: 'subsidy' | 'per_trajectory'; purchaseAgreement?: boolean }>;
}

/**
 * Creates a tenant with its locations, work area and audit chain heads. Runs on the system path
 * (CLI, demo seed): there is no tenant context before the tenant exists.
 */
export async function createOrganisation(db: Database, input: NewOrganisation): Promise<{ orgId: string; locationIds: Record<string, string> }> {
  const orgId = uuidv7();
  const locationIds: Record<string, string> = {};
  await db.withSystem(async (tx) => {
    await tx.insert(organisations).values({ orgId, name: input.name });
    for (const name of input.locations ?? []) {
      const id = uuidv7();
      locationIds[name] = id;
      await tx.insert(locations).values({ orgId, id, name });
    }
    for (const w of input.workArea ?? []) {
      const locationId = locationIds[w.location];
      if (!locationId) throw new Error(`unknown location ${w.location}`);
      await tx.insert(workArea).values({ orgId, municipalityCode: w.municipalityCode, locationId, funding: w.funding, purchaseAgreement: w.purchaseAgreement ?? false });
    }
    await ensureAuditHeads(tx, orgId);
  });
  return { orgId, locationIds };
}

/** Whether the database holds any tenant yet (the demo is created only into an empty one). */
export async function hasOrganisations(db: Database): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>('select exists (select 1 from organisations) as any');
  return !!row?.any;
}

export async function getOrganisationName(tx: Executor, orgId: string): Promise<string | undefined> {
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.orgId, orgId));
  return row?.name;
}

/**
 * Deletes a tenant and everything it holds, its audit trail included (children before parents).
 * Only for throwaway organisations (`naast demo remove`); a real organisation's trail must outlive it.
 */
export async function removeOrganisation(db: Database, orgId: string): Promise<void> {
  await db.withSystem(async (tx) => {
    // The organisation's dossiers go with it: consent history may be deleted (migration 0010 guard).
    await tx.execute(sql`select set_config('naast.erasing', 'on', true)`);
    const withOrgId = new Set(
      rowsOf<{ name: string }>(
        await tx.execute(sql`
          select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
           where n.nspname = 'public' and c.relkind = 'r'`),
      ).map((r) => r.name),
    );
    for (const table of (await tablesInForeignKeyOrder(tx)).reverse()) {
      if (withOrgId.has(table)) await tx.execute(sql`delete from ${sql.identifier(table)} where org_id = ${orgId}`);
    }
  });
}
