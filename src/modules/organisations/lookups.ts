// Reads of the municipalities reference table, locations and the work area for other modules
// (intake, matching), through public.ts: the organisations module keeps the SQL of its tables.
import { asc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { municipalities, workArea } from './tables.js';

export interface MunicipalityCentre {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

/** One Dutch municipality by its CBS code (e.g. 'GM0794'); undefined when the code is unknown. */
export async function municipalityByCode(tx: Executor, code: string): Promise<{ code: string; name: string; province: string } | undefined> {
  const [row] = await tx
    .select({ code: municipalities.code, name: municipalities.name, province: municipalities.province })
    .from(municipalities)
    .where(eq(municipalities.code, code));
  return row;
}

/** Codes of the list that are not municipalities in the reference table (one statement). */
export async function unknownMunicipalityCodes(tx: Executor, codes: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(codes)];
  if (!wanted.length) return [];
  const rows = await tx
    .select({ code: municipalities.code })
    .from(municipalities)
    .where(sql`${municipalities.code} = any(${sql.param(wanted)}::text[])`);
  const found = new Set(rows.map((r) => r.code));
  return wanted.filter((c) => !found.has(c));
}

/** Every municipality with its centre, by code (distances and names; callers may cache it: only a migration changes it). */
export async function municipalityCentres(tx: Executor): Promise<MunicipalityCentre[]> {
  const rows = await tx
    .select({ code: municipalities.code, name: municipalities.name, lat: municipalities.lat, lon: municipalities.lon })
    .from(municipalities)
    .orderBy(asc(municipalities.code));
  return rows.map((r) => ({ code: r.code, name: r.name, lat: Number(r.lat), lon: Number(r.lon) }));
}

/** The municipalities of the organisation's work area, by name then code (the public application form). */
export async function workAreaMunicipalities(tx: Executor, orgId: string): Promise<Array<{ code: string; name: string }>> {
  return tx
    .select({ code: municipalities.code, name: municipalities.name })
    .from(workArea)
    .innerJoin(municipalities, eq(municipalities.code, workArea.municipalityCode))
    .where(eq(workArea.orgId, orgId))
    .orderBy(asc(municipalities.name), asc(municipalities.code));
}

/**
 * A municipality's name as a column of another module's select (lists read it in their own statement):
 * a correlated subquery on the code `code` names. The organisations module keeps the definition;
 * callers only place it (pass the outer column qualified, e.g. sql`applications.municipality_code`).
 */
export function municipalityNameColumn(code: SQLWrapper): SQL<string> {
  return sql<string>`(select m.name from municipalities m where m.code = ${code})`;
}

/** A location's name as a column of another module's select (null when `locationId` is null); as above. */
export function locationNameColumn(orgId: SQLWrapper, locationId: SQLWrapper): SQL<string | null> {
  return sql<string | null>`(select l.name from locations l where l.org_id = ${orgId} and l.id = ${locationId})`;
}
