import {
  caseloadPoints,
  distancePoints,
  freeCapacity,
  hoursPoints,
  languagePoints,
  normalisedInstitutions,
  normaliseLanguage,
  relevantMeasures,
  sharePoints,
  volunteerLanguages,
  WEIGHTS,
  type DistanceFn,
  type FamilyForMatching,
  type VolunteerForMatching,
} from './scoring.js';

/**
 * Whole-waiting-list matching. Pure functions, no database.
 *
 * solveAssignment finds an OPTIMAL assignment for the lexicographic objective
 *   (1) as many priority-1 families as possible, then (2) priority-2, then (3) priority-3,
 *   (4) then the largest total score,
 * respecting every volunteer's free capacity (maxFamilies − activeFamilies) and every hard exclusion.
 * greedyAssignment is the baseline the proposal is compared with.
 *
 * Why solveAssignment is optimal (see optimise() for the algorithm):
 *  - Candidate pairs are exactly the pairs scorePair does not exclude (same rules, same points; a
 *    unit test checks this pair by pair), so nothing feasible is left out (the pruning in solveGraph,
 *    below, is checked against all of them).
 *  - Weights: an assigned family of priority p earns W_p + score. With B = 100·F + 1 (more than any
 *    difference in total score), W_3 = B, W_2 = B·(n_3+1), W_1 = W_2·(n_2+1) (n_p: families of
 *    priority p), one more priority-1 family outweighs any change in the number of priority-2 and -3
 *    families and in score, and so on down: the maximum-weight assignment is the lexicographic optimum.
 *  - Each family gets a private "unassigned" option of weight 0, so the problem becomes: give every
 *    family exactly one option (a volunteer with free capacity, or unassigned) at minimum cost, with
 *    cost(f, v) = 100 − score and cost(f, unassigned) = W_p + 100 (the constant W_p + 100 per family
 *    was added to every option of the family, which changes no comparison). That is a transportation
 *    problem: its constraint matrix is totally unimodular, so the LP optimum is integral, and an
 *    assignment is optimal iff there are duals u (family), w ≥ 0 (volunteer) with reduced costs
 *    cost − u_f + w_v ≥ 0 on every pair, = 0 on every used pair, and w_v = 0 for every volunteer
 *    with capacity left (LP duality, complementary slackness).
 *  - optimise() is the Hungarian method in its shortest-augmenting-path form (Jonker–Volgenant style,
 *    with capacities): families are added one at a time; Dijkstra over reduced costs (all ≥ 0) finds
 *    the cheapest alternating path from the new family to a volunteer with a free place or to some
 *    family's "unassigned" option; the duals are then shifted by the distances so the conditions above
 *    hold again for the families added so far. After the last family the assignment and its duals
 *    certify optimality. A unit test checks the certificate and compares with exhaustive search.
 *  - Speed (solveGraph): the first solve keeps only each family's best candidates; its duals are then
 *    checked on EVERY candidate pair, and only when all reduced costs are ≥ 0 — a certificate for the
 *    whole problem — is the answer used; otherwise the violating pairs are added and it solves again,
 *    at worst on all pairs. Pruning changes the speed, never the answer.
 *  - All numbers are integers below 2^53, so the arithmetic is exact (a RangeError guards the limit,
 *    reached only beyond about 40,000 families in one solve).
 */

export interface Assignment {
  familyId: string;
  volunteerUserId: string;
  score: number;
}

export interface AssignmentResult {
  assignments: Assignment[];
  totalScore: number;
  /** Family ids, in input order. */
  unassigned: string[];
  /** Number of assigned families per priority. */
  assignedByPriority: { 1: number; 2: number; 3: number };
  /** Non-excluded family–volunteer pairs the solve considered. */
  candidatePairs: number;
}

/**
 * The non-excluded pairs, as a compressed sparse row graph: the candidates of family i are the
 * entries start[i] .. start[i+1]−1 of vol (volunteer index) and score (0..100).
 */
export interface CandidateGraph {
  families: number;
  volunteers: number;
  start: Int32Array;
  vol: Int32Array;
  score: Int32Array;
  /** Free places per volunteer. */
  capacity: Int32Array;
  /** 0, 1, 2 for priority 1, 2, 3, per family. */
  tier: Uint8Array;
}

class Interner {
  readonly ids = new Map<string, number>();
  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.ids.size;
      this.ids.set(s, k);
    }
    return k;
  }
  get size() {
    return this.ids.size;
  }
}

const wordsFor = (n: number) => Math.max(1, Math.ceil(n / 32));
const hasBit = (bits: Uint32Array, base: number, k: number) => (bits[base + (k >>> 5)]! >>> (k & 31)) & 1;
const setBit = (bits: Uint32Array, base: number, k: number) => {
  bits[base + (k >>> 5)]! |= 1 << (k & 31);
};

const tierOf = (p: number) => (p === 1 ? 0 : p === 2 ? 1 : 2);

/**
 * Scores every non-excluded pair with the rules of scoring.ts, without building reason objects:
 * family-side names are interned, volunteer sets become bit sets, and only the volunteers whose area
 * covers the family (home, travel list or location) are looked at.
 */
export function buildCandidates(fs: FamilyForMatching[], vs: VolunteerForMatching[], distanceKm: DistanceFn): CandidateGraph {
  const nF = fs.length;
  const nV = vs.length;
  const familyIndex = new Map<string, number>();
  fs.forEach((f, i) => {
    if (familyIndex.has(f.id)) throw new Error(`family ${i} repeats an id`);
    familyIndex.set(f.id, i);
  });
  const volunteerIds = new Set<string>();
  vs.forEach((v, j) => {
    if (volunteerIds.has(v.userId)) throw new Error(`volunteer ${j} repeats an id`); // their places would count twice
    volunteerIds.add(v.userId);
  });

  // Family side.
  const institutions = new Interner();
  const measures = new Interner();
  const languages = new Interner();
  const fInst: number[][] = [];
  const fMeas: number[][] = [];
  const fLang = new Int32Array(nF);
  const tier = new Uint8Array(nF);
  for (let i = 0; i < nF; i++) {
    const f = fs[i]!;
    fInst.push(normalisedInstitutions(f.institutions).map((n) => institutions.id(n)));
    fMeas.push(relevantMeasures(f.measures).map((m) => measures.id(m)));
    fLang[i] = languages.id(normaliseLanguage(f.language));
    tier[i] = tierOf(f.priority);
  }

  // Volunteer side: only what families ask about matters.
  const IW = wordsFor(institutions.size);
  const MW = wordsFor(measures.size);
  const LW = wordsFor(languages.size);
  const knows = new Uint32Array(nV * IW);
  const avoids = new Uint32Array(nV * IW);
  const experienced = new Uint32Array(nV * MW);
  const speaks = new Uint32Array(nV * LW);
  const capacity = new Int32Array(nV);
  const vPoints = new Int32Array(nV); // hours + caseload: the volunteer's own part of every score
  const conflictsOf = new Map<number, number[]>();
  const byMunicipality = new Map<string, number[]>();
  const byLocation = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, key: string, v: number) => {
    const list = m.get(key);
    if (list) list.push(v);
    else m.set(key, [v]);
  };
  for (let v = 0; v < nV; v++) {
    const x = vs[v]!;
    capacity[v] = freeCapacity(x);
    if (capacity[v] === 0) continue; // excluded 'full' for every family
    vPoints[v] = hoursPoints(x.hoursPerWeek) + caseloadPoints(x.activeFamilies, x.maxFamilies);
    for (const n of normalisedInstitutions(x.institutionExperience)) {
      const k = institutions.ids.get(n);
      if (k !== undefined) setBit(knows, v * IW, k);
    }
    for (const n of normalisedInstitutions(x.conflictInstitutions)) {
      const k = institutions.ids.get(n);
      if (k !== undefined) setBit(avoids, v * IW, k);
    }
    for (const m of relevantMeasures(x.measureExperience)) {
      const k = measures.ids.get(m);
      if (k !== undefined) setBit(experienced, v * MW, k);
    }
    for (const l of volunteerLanguages(x.languages)) {
      const k = languages.ids.get(l);
      if (k !== undefined) setBit(speaks, v * LW, k);
    }
    for (const id of x.conflictApplicationIds) {
      const i = familyIndex.get(id);
      if (i === undefined) continue;
      const list = conflictsOf.get(i);
      if (list) list.push(v);
      else conflictsOf.set(i, [v]);
    }
    const municipalities = new Set(x.travelMunicipalities);
    if (x.homeMunicipalityCode !== null) municipalities.add(x.homeMunicipalityCode);
    for (const m of municipalities) push(byMunicipality, m, v);
    for (const l of new Set(x.locationIds)) push(byLocation, l, v);
  }

  // The parts of a score that depend on the family only through its municipality, its measures, its
  // institutions: computed once per (municipality, home) and once per (set of measures or
  // institutions, volunteer), kept in small tables; a pair then costs a few array reads.
  const homes = new Interner();
  const vHome = new Int32Array(nV).fill(-1);
  for (let v = 0; v < nV; v++) {
    const h = vs[v]!.homeMunicipalityCode;
    if (h !== null && capacity[v]! > 0) vHome[v] = homes.id(h);
  }
  const homeCodes = [...homes.ids.keys()];
  const places = new Interner();
  const fPlace = new Int32Array(nF);
  for (let i = 0; i < nF; i++) fPlace[i] = places.id(fs[i]!.municipalityCode);
  const placeCodes = [...places.ids.keys()];
  const measureSets = new Interner();
  const institutionSets = new Interner();
  const fMeasSet = new Int32Array(nF);
  const fInstSet = new Int32Array(nF);
  for (let i = 0; i < nF; i++) {
    fMeasSet[i] = measureSets.id(fMeas[i]!.join(','));
    fInstSet[i] = institutionSets.id(fInst[i]!.join(','));
  }
  const H = homes.size;
  const unknownDistance = distancePoints(null);
  const distanceTable = table(places.size, H);
  const measureTable = table(measureSets.size, nV);
  const institutionTable = table(institutionSets.size, nV);
  const placeDistance = (i: number, h: number) => distancePoints(distanceKm(placeCodes[fPlace[i]!]!, homeCodes[h]!));
  const measurePoints = (i: number, v: number) => {
    const meas = fMeas[i]!;
    let known = 0;
    for (let x = 0; x < meas.length; x++) known += hasBit(experienced, v * MW, meas[x]!);
    return sharePoints(WEIGHTS.measure, known, meas.length);
  };
  /** Institution points, or −2: a conflict of interest with one of them. */
  const institutionPoints = (i: number, v: number) => {
    const inst = fInst[i]!;
    let known = 0;
    for (let x = 0; x < inst.length; x++) {
      if (hasBit(avoids, v * IW, inst[x]!)) return -2;
      known += hasBit(knows, v * IW, inst[x]!);
    }
    return sharePoints(WEIGHTS.institution, known, inst.length);
  };
  const distanceOf = (i: number, v: number): number => {
    const h = vHome[v]!;
    if (h < 0) return unknownDistance;
    if (!distanceTable) return placeDistance(i, h);
    const k = fPlace[i]! * H + h;
    let p = distanceTable[k]!;
    if (p < 0) distanceTable[k] = p = placeDistance(i, h);
    return p;
  };
  const measuresOf = (i: number, v: number): number => {
    if (!measureTable) return measurePoints(i, v);
    const k = fMeasSet[i]! * nV + v;
    let p = measureTable[k]!;
    if (p < 0) measureTable[k] = p = measurePoints(i, v);
    return p;
  };
  const institutionsOf = (i: number, v: number): number => {
    if (!institutionTable) return institutionPoints(i, v);
    const k = fInstSet[i]! * nV + v;
    let p = institutionTable[k]!;
    if (p === -1) institutionTable[k] = p = institutionPoints(i, v);
    return p;
  };

  const start = new Int32Array(nF + 1);
  let bound = 0; // room for every listed volunteer of every family, so the arrays never grow
  for (const f of fs) bound += (byMunicipality.get(f.municipalityCode)?.length ?? 0) + (f.locationId === null ? 0 : (byLocation.get(f.locationId)?.length ?? 0));
  const vol = new Int32Array(bound);
  const score = new Int32Array(bound);
  let n = 0;
  const seen = new Int32Array(nV);
  for (let i = 0; i < nF; i++) {
    const f = fs[i]!;
    const stamp = i + 1;
    start[i] = n;
    for (const v of conflictsOf.get(i) ?? []) seen[v] = stamp;
    const lang = fLang[i]!;
    const lists = [byMunicipality.get(f.municipalityCode), f.locationId === null ? undefined : byLocation.get(f.locationId)];
    for (const list of lists) {
      if (!list) continue;
      for (let x = 0; x < list.length; x++) {
        const v = list[x]!;
        if (seen[v] === stamp) continue;
        seen[v] = stamp;
        const institutionPoints = institutionsOf(i, v);
        if (institutionPoints === -2) continue; // conflict_institution
        const s = distanceOf(i, v) + measuresOf(i, v) + institutionPoints + languagePoints(hasBit(speaks, v * LW, lang) === 1) + vPoints[v]!;
        vol[n] = v;
        score[n++] = s;
      }
    }
  }
  start[nF] = n;
  return { families: nF, volunteers: nV, start, vol: vol.subarray(0, n), score: score.subarray(0, n), capacity, tier };
}

/** A lazily filled table of small points (−1: not computed yet), unless it would be too large. */
function table(rows: number, cols: number): Int8Array | undefined {
  return rows * cols <= 32_000_000 ? new Int8Array(rows * cols).fill(-1) : undefined;
}

/** Per-family weight of being assigned at all (see the header): W_1 ≫ W_2 ≫ W_3 ≫ any score total. */
export function priorityWeights(tier: Uint8Array): [number, number, number] {
  const n = [0, 0, 0];
  for (const t of tier) n[t]!++;
  const B = 100 * tier.length + 1;
  const w3 = B;
  const w2 = B * (n[2]! + 1);
  const w1 = w2 * (n[1]! + 1);
  // Duals and path lengths stay below a few times W_1 + 200.
  if (!(w1 * 4 + 1000 < Number.MAX_SAFE_INTEGER)) throw new RangeError('too many families for one exact solve');
  return [w1, w2, w3];
}

export interface GraphSolution {
  /** Edge index chosen per family, −1 when unassigned. */
  rowEdge: Int32Array;
  /** The optimality certificate (duals), for tests. */
  u: Float64Array;
  w: Float64Array;
  /** cost of leaving family i unassigned (W_p + 100). */
  dummyCost: Float64Array;
}

/**
 * The Hungarian method with shortest augmenting paths on the candidate graph (see the header).
 * Families are added most urgent first: later, less urgent ones then rarely displace anyone, which
 * keeps the searches short. Most searches end at the first volunteer popped (a free place); a search
 * grows only through volunteers that are full, and stops at the first free place or unassigned option.
 */
export function optimise(g: CandidateGraph): GraphSolution {
  const nF = g.families;
  const nV = g.volunteers;
  const N = nV + nF; // nodes: volunteers 0..nV-1, the "unassigned" option of family i is nV + i
  const weights = priorityWeights(g.tier);
  const dummyCost = new Float64Array(nF);
  for (let i = 0; i < nF; i++) dummyCost[i] = weights[g.tier[i]!]! + 100;

  const { start, vol, score, capacity } = g;
  const u = new Float64Array(nF);
  const w = new Float64Array(nV);
  const rowCol = new Int32Array(nF).fill(-1);
  const rowEdge = new Int32Array(nF).fill(-1);
  const colStart = new Int32Array(nV + 1);
  for (let v = 0; v < nV; v++) colStart[v + 1] = colStart[v]! + capacity[v]!;
  const colRows = new Int32Array(colStart[nV]!);
  const colCount = new Int32Array(nV);

  const dist = new Float64Array(N);
  const touched = new Int32Array(N); // epoch when dist/pred became valid
  const done = new Int32Array(N); // epoch when popped
  const pred = new Int32Array(N); // family that reached the node
  const predEdge = new Int32Array(N);
  const pos = new Int32Array(N);
  const heap = new Int32Array(N);
  let heapSize = 0;
  const rowDist = new Float64Array(nF);
  const settledRows = new Int32Array(nF);
  let nSettledRows = 0;
  const settledCols = new Int32Array(nV);
  let nSettledCols = 0;
  let epoch = 0;

  const less = (a: number, b: number) => dist[a]! < dist[b]! || (dist[a] === dist[b] && a < b);
  const siftUp = (k: number) => {
    const x = heap[k]!;
    while (k > 0) {
      const p = (k - 1) >> 1;
      const y = heap[p]!;
      if (!less(x, y)) break;
      heap[k] = y;
      pos[y] = k;
      k = p;
    }
    heap[k] = x;
    pos[x] = k;
  };
  const siftDown = (k: number) => {
    const x = heap[k]!;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= heapSize) break;
      if (c + 1 < heapSize && less(heap[c + 1]!, heap[c]!)) c++;
      const y = heap[c]!;
      if (!less(y, x)) break;
      heap[k] = y;
      pos[y] = k;
      k = c;
    }
    heap[k] = x;
    pos[x] = k;
  };
  const offer = (node: number, d: number, row: number, edge: number) => {
    if (touched[node] !== epoch) {
      touched[node] = epoch;
      dist[node] = d;
      pred[node] = row;
      predEdge[node] = edge;
      heap[heapSize] = node;
      siftUp(heapSize++);
    } else if (d < dist[node]! && done[node] !== epoch) {
      dist[node] = d;
      pred[node] = row;
      predEdge[node] = edge;
      siftUp(pos[node]!);
    }
  };
  const scanRow = (i: number, d: number) => {
    settledRows[nSettledRows++] = i;
    rowDist[i] = d;
    const ui = u[i]!;
    for (let e = start[i]!, end = start[i + 1]!; e < end; e++) {
      const j = vol[e]!;
      if (done[j] === epoch) continue;
      offer(j, d + (100 - score[e]!) - ui + w[j]!, i, e);
    }
    offer(nV + i, d + dummyCost[i]! - ui, i, -1); // the family's own "unassigned" option (w = 0: it is free)
  };

  const order = Array.from({ length: nF }, (_, i) => i).sort((a, b) => g.tier[a]! - g.tier[b]! || a - b);
  for (const r of order) {
    if (start[r] === start[r + 1]) {
      // No candidate at all: unassigned, tight on its own option.
      u[r] = dummyCost[r]!;
      continue;
    }
    // Fast path: when r's cheapest option (reduced cost) is a free place, Dijkstra would pop it
    // first and stop; take it without building a heap. Ties prefer a free place.
    let best = -1;
    let bestD = dummyCost[r]!;
    for (let e = start[r]!, end = start[r + 1]!; e < end; e++) {
      const j = vol[e]!;
      const d = 100 - score[e]! + w[j]!;
      if (d < bestD || (d === bestD && best >= 0 && colCount[vol[best]!]! >= capacity[vol[best]!]! && colCount[j]! < capacity[j]!)) {
        best = e;
        bestD = d;
      }
    }
    if (best < 0 || colCount[vol[best]!]! < capacity[vol[best]!]!) {
      // u_r starts at 0; the dual update of a one-step search only raises u_r by the distance.
      u[r] = bestD;
      if (best >= 0) {
        const j = vol[best]!;
        colRows[colStart[j]! + colCount[j]!] = r;
        colCount[j]!++;
        rowCol[r] = j;
        rowEdge[r] = best;
      }
      continue;
    }

    epoch++;
    heapSize = 0;
    nSettledRows = 0;
    nSettledCols = 0;
    scanRow(r, 0);
    let target = -1;
    let D = 0;
    while (heapSize > 0) {
      const j = heap[0]!;
      heap[0] = heap[--heapSize]!;
      if (heapSize > 0) siftDown(0);
      done[j] = epoch;
      if (j >= nV || colCount[j]! < capacity[j]!) {
        target = j;
        D = dist[j]!;
        break;
      }
      settledCols[nSettledCols++] = j;
      const dj = dist[j]!;
      for (let k = colStart[j]!, end = k + colCount[j]!; k < end; k++) scanRow(colRows[k]!, dj);
    }
    if (target < 0) throw new Error('matching: no augmenting path (cannot happen: every family can stay unassigned)');

    // Dual update: keeps reduced costs ≥ 0 and makes the path tight.
    for (let k = 0; k < nSettledRows; k++) {
      const i = settledRows[k]!;
      u[i]! += D - rowDist[i]!;
    }
    for (let k = 0; k < nSettledCols; k++) {
      const j = settledCols[k]!;
      w[j]! += D - dist[j]!;
    }

    // Augment along the path back to r.
    let j = target;
    for (;;) {
      const i = pred[j]!;
      const old = rowCol[i]!;
      if (j >= nV) {
        rowCol[i] = -1;
        rowEdge[i] = -1;
      } else {
        colRows[colStart[j]! + colCount[j]!] = i;
        colCount[j]!++;
        rowCol[i] = j;
        rowEdge[i] = predEdge[j]!;
      }
      if (old < 0) break; // i is r, the family being added
      // i leaves its old volunteer, which the previous family on the path takes.
      const base = colStart[old]!;
      const last = base + colCount[old]! - 1;
      for (let k = base; k <= last; k++) {
        if (colRows[k] === i) {
          colRows[k] = colRows[last]!;
          break;
        }
      }
      colCount[old]!--;
      j = old;
    }
  }
  return { rowEdge, u, w, dummyCost };
}

/** Default number of best candidates per family the first, pruned solve keeps (see solveGraph). */
export const PRUNE_TOP = 16;
const MAX_ROUNDS = 4;

/**
 * The optimal assignment of g, usually much faster than optimise(g) on all pairs: solve on each
 * family's best `top` candidates (all of those with the k-th best score or more), then check the
 * duals of that solve on EVERY pair of g. If every reduced cost is ≥ 0, the duals certify the
 * assignment optimal for g itself (the other conditions — used pairs tight, a priced volunteer full,
 * unassigned families tight on their own option — hold already, as they only concern kept pairs).
 * Otherwise the violating pairs are added and the pruned problem is solved again; after a few
 * rounds (or when the kept set is no longer small) it solves g whole. Either way the answer is
 * optimal: pruning only changes how fast it is found.
 */
export function solveGraph(g: CandidateGraph, top = PRUNE_TOP): GraphSolution {
  const nF = g.families;
  const E = g.vol.length;
  const keep = new Uint8Array(E);
  const histogram = new Int32Array(101);
  let kept = 0;
  for (let i = 0; i < nF; i++) {
    const a = g.start[i]!;
    const b = g.start[i + 1]!;
    let threshold = 0;
    if (b - a > top) {
      histogram.fill(0);
      for (let e = a; e < b; e++) histogram[g.score[e]!]!++;
      let count = 0;
      for (threshold = 100; threshold > 0; threshold--) {
        count += histogram[threshold]!;
        if (count >= top) break;
      }
    }
    for (let e = a; e < b; e++) {
      if (g.score[e]! >= threshold) {
        keep[e] = 1;
        kept++;
      }
    }
  }
  for (let round = 0; round < MAX_ROUNDS && kept * 2 <= E; round++) {
    const sub = subgraph(g, keep, kept);
    const solution = optimise(sub.graph);
    // Check the certificate on every pair; collect the violations.
    let violations = 0;
    for (let i = 0; i < nF; i++) {
      const ui = solution.u[i]!;
      for (let e = g.start[i]!, end = g.start[i + 1]!; e < end; e++) {
        if (keep[e] === 0 && 100 - g.score[e]! - ui + solution.w[g.vol[e]!]! < 0) {
          keep[e] = 1;
          kept++;
          violations++;
        }
      }
    }
    if (violations === 0) {
      const rowEdge = solution.rowEdge.map((e) => (e < 0 ? -1 : sub.original[e]!));
      return { ...solution, rowEdge };
    }
  }
  return optimise(g);
}

/**
 * Checks a solution's optimality certificate on every pair of g (see the header): reduced costs
 * ≥ 0, used pairs and unassigned families tight, a priced volunteer full, no volunteer over capacity.
 */
export function certify(g: CandidateGraph, { rowEdge, u, w, dummyCost }: GraphSolution): boolean {
  const load = new Int32Array(g.volunteers);
  for (let i = 0; i < g.families; i++) {
    for (let e = g.start[i]!, end = g.start[i + 1]!; e < end; e++) {
      const reduced = 100 - g.score[e]! - u[i]! + w[g.vol[e]!]!;
      if (reduced < 0 || (rowEdge[i] === e && reduced !== 0)) return false;
    }
    const slack = dummyCost[i]! - u[i]!;
    if (slack < 0 || (rowEdge[i] === -1 && slack !== 0)) return false;
    if (rowEdge[i]! >= 0) load[g.vol[rowEdge[i]!]!]!++;
  }
  for (let v = 0; v < g.volunteers; v++) {
    if (w[v]! < 0 || load[v]! > g.capacity[v]! || (w[v]! > 0 && load[v] !== g.capacity[v])) return false;
  }
  return true;
}

/** The pairs of g marked in keep, as a graph of their own, with each pair's index in g. */
function subgraph(g: CandidateGraph, keep: Uint8Array, kept: number): { graph: CandidateGraph; original: Int32Array } {
  const start = new Int32Array(g.families + 1);
  const vol = new Int32Array(kept);
  const score = new Int32Array(kept);
  const original = new Int32Array(kept);
  let n = 0;
  for (let i = 0; i < g.families; i++) {
    start[i] = n;
    for (let e = g.start[i]!, end = g.start[i + 1]!; e < end; e++) {
      if (keep[e] === 0) continue;
      vol[n] = g.vol[e]!;
      score[n] = g.score[e]!;
      original[n++] = e;
    }
  }
  start[g.families] = n;
  return { graph: { ...g, start, vol, score }, original };
}

function resultOf(fs: FamilyForMatching[], vs: VolunteerForMatching[], g: CandidateGraph, rowEdge: Int32Array): AssignmentResult {
  const assignments: Assignment[] = [];
  const unassigned: string[] = [];
  const assignedByPriority = { 1: 0, 2: 0, 3: 0 };
  let totalScore = 0;
  for (let i = 0; i < fs.length; i++) {
    const e = rowEdge[i]!;
    if (e < 0) {
      unassigned.push(fs[i]!.id);
      continue;
    }
    const s = g.score[e]!;
    assignments.push({ familyId: fs[i]!.id, volunteerUserId: vs[g.vol[e]!]!.userId, score: s });
    totalScore += s;
    assignedByPriority[(g.tier[i]! + 1) as 1 | 2 | 3]++;
  }
  return { assignments, totalScore, unassigned, assignedByPriority, candidatePairs: g.vol.length };
}

/** The optimal whole-list assignment (see the header). Assignments in the families' input order. */
export function solveAssignment(fs: FamilyForMatching[], vs: VolunteerForMatching[], distanceKm: DistanceFn): AssignmentResult {
  const g = buildCandidates(fs, vs, distanceKm);
  return resultOf(fs, vs, g, solveGraph(g).rowEdge);
}

/**
 * The baseline: families most urgent first (input order within a priority, i.e. the waiting-list
 * order), each takes its best-scoring volunteer that still has a free place (ties: the earlier
 * volunteer in the input).
 */
export function greedyOnGraph(g: CandidateGraph): Int32Array {
  const left = Int32Array.from(g.capacity);
  const rowEdge = new Int32Array(g.families).fill(-1);
  const order = Array.from({ length: g.families }, (_, i) => i).sort((a, b) => g.tier[a]! - g.tier[b]! || a - b);
  for (const i of order) {
    let best = -1;
    for (let e = g.start[i]!, end = g.start[i + 1]!; e < end; e++) {
      const v = g.vol[e]!;
      if (left[v]! <= 0) continue;
      if (best < 0 || g.score[e]! > g.score[best]! || (g.score[e] === g.score[best] && v < g.vol[best]!)) best = e;
    }
    if (best >= 0) {
      rowEdge[i] = best;
      left[g.vol[best]!]!--;
    }
  }
  return rowEdge;
}

export function greedyAssignment(fs: FamilyForMatching[], vs: VolunteerForMatching[], distanceKm: DistanceFn): AssignmentResult {
  const g = buildCandidates(fs, vs, distanceKm);
  return resultOf(fs, vs, g, greedyOnGraph(g));
}

/**
 * Compares two results by the objective: > 0 when a is better (more priority-1 families, then
 * priority 2, then 3, then a higher total score), < 0 when b is, 0 when equal.
 */
export function compareResults(a: AssignmentResult, b: AssignmentResult): number {
  return (
    a.assignedByPriority[1] - b.assignedByPriority[1] ||
    a.assignedByPriority[2] - b.assignedByPriority[2] ||
    a.assignedByPriority[3] - b.assignedByPriority[3] ||
    a.totalScore - b.totalScore
  );
}
