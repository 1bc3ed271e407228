/**
 * Distances between municipality centres (the reference table `municipalities`: CBS code and an
 * approximate centre, two decimals ≈ 1 km). Pure functions, no database: the caller loads the rows.
 */

const EARTH_RADIUS_KM = 6371.0088; // mean radius (IUGG)
const RAD = Math.PI / 180;

/** Great-circle distance in km between two points (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * A distance function over the given municipalities: km between their centres (haversine), 0 for the
 * same municipality, null when either code is unknown (or its coordinates are not finite numbers).
 */
export function makeDistance(municipalities: Array<{ code: string; lat: number; lon: number }>): (a: string, b: string) => number | null {
  const byCode = new Map<string, { lat: number; lon: number }>();
  for (const m of municipalities) {
    if (Number.isFinite(m.lat) && Number.isFinite(m.lon)) byCode.set(m.code, { lat: Number(m.lat), lon: Number(m.lon) });
  }
  return (a, b) => {
    const p = byCode.get(a);
    const q = byCode.get(b);
    if (!p || !q) return null;
    if (a === b) return 0;
    return haversineKm(p.lat, p.lon, q.lat, q.lon);
  };
}
