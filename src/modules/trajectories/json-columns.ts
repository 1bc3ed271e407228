/**
 * Helpers for the read models that come back as json columns (the dossier's one statement, the lists):
 * json_agg gives null for no rows, and instants inside json carry an offset and microseconds.
 */

/** A json array column. Both drivers parse json; a string would mean a driver that does not. */
export function jsonArray<T>(v: unknown): T[] {
  if (v == null) return [];
  return (typeof v === 'string' ? JSON.parse(v) : v) as T[];
}

/** A timestamptz inside json ("…+01:00", microseconds) as the API writes every instant: toISOString. */
export const isoOf = (v: string): string => new Date(v).toISOString();
