import { createHash, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Executor } from '../db/index.js';
import { uuidv7 } from '../db/ids.js';

/** What happened, in NEN 7513 terms. */
export const AUDIT_ACTIONS = ['read', 'list', 'search', 'create', 'update', 'delete', 'export', 'print', 'share', 'login', 'login_failed', 'logout', 'mfa', 'security'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  orgId: string;
  actorUserId?: string | null;
  actorRole?: string | null;
  /** On whose behalf, e.g. the organisation or a coordinator acting for a colleague. */
  onBehalfOf?: string | null;
  /** The person the data is about (parent, child, volunteer, user). */
  subjectId?: string | null;
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Required by policy for e.g. break-the-glass access. */
  reason?: string | null;
}

/** The exact text that is hashed; the verifier rebuilds it from the stored columns. */
export function canonicalPayload(id: string, occurredAt: Date, e: Omit<AuditEntry, 'orgId'>): string {
  return JSON.stringify([
    id,
    occurredAt.toISOString(),
    e.actorUserId ?? null,
    e.actorRole ?? null,
    e.onBehalfOf ?? null,
    e.subjectId ?? null,
    e.action,
    e.resourceType,
    e.resourceId ?? null,
    e.ip ?? null,
    e.userAgent ?? null,
    e.reason ?? null,
  ]);
}

export function genesisHash(orgId: string, lane: number): string {
  return createHash('sha256').update(`naast-audit-genesis:${orgId}:${lane}`).digest('hex');
}

export function chainHash(prevHash: string, payload: string): string {
  return createHash('sha256').update(prevHash + payload, 'utf8').digest('hex');
}

let lanes = 8;
/** Set once at start-up from NAAST_AUDIT_LANES. */
export function configureAuditLanes(n: number) {
  lanes = n;
}

/**
 * Appends one event in the caller's transaction, so the event and the change commit or roll back
 * together. One statement: lock this lane's head, advance it, insert the event. Concurrent requests
 * of one organisation spread over `lanes` heads instead of queueing on one.
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  const id = uuidv7();
  const occurredAt = new Date();
  const payload = canonicalPayload(id, occurredAt, entry);
  let lane = lanes > 1 ? randomInt(lanes) : 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await tx.execute(sql`
      with old as (
        select seq, hash from audit_chain_heads where org_id = ${entry.orgId} and lane = ${lane} for update
      ), upd as (
        update audit_chain_heads h
           set seq = old.seq + 1, hash = encode(sha256(convert_to(old.hash || ${payload}, 'UTF8')), 'hex')
          from old
         where h.org_id = ${entry.orgId} and h.lane = ${lane}
        returning h.seq, h.hash, old.hash as prev_hash
      )
      insert into audit_events (org_id, lane, seq, id, occurred_at, actor_user_id, actor_role, on_behalf_of, subject_id,
                                action, resource_type, resource_id, ip, user_agent, reason, prev_hash, hash)
      select ${entry.orgId}, ${lane}, upd.seq, ${id}, ${occurredAt.toISOString()}, ${entry.actorUserId ?? null}, ${entry.actorRole ?? null},
             ${entry.onBehalfOf ?? null}, ${entry.subjectId ?? null}, ${entry.action}, ${entry.resourceType}, ${entry.resourceId ?? null},
             ${entry.ip ?? null}, ${entry.userAgent ?? null}, ${entry.reason ?? null}, upd.prev_hash, upd.hash
        from upd
      returning seq`);
    const count = rowsOf(res).length;
    if (count === 1) return;
    if (lane === 0) break;
    lane = 0; // this organisation has fewer lanes than configured; lane 0 always exists
  }
  throw new Error('audit chain head missing for organisation');
}

/**
 * Creates the chain heads of one organisation, or of every organisation when orgId is left out
 * (start-up, after NAAST_AUDIT_LANES grew). Idempotent, one statement; the genesis hash is
 * computed in SQL exactly as genesisHash() does. Runs as owner: the app role cannot insert heads.
 */
export async function ensureAuditHeads(tx: Executor, orgId?: string, n: number = lanes): Promise<void> {
  await tx.execute(sql`
    insert into audit_chain_heads (org_id, lane, seq, hash)
    select o.org_id, l.lane, 0, encode(sha256(convert_to('naast-audit-genesis:' || o.org_id::text || ':' || l.lane, 'UTF8')), 'hex')
      from organisations o cross join generate_series(0, ${n - 1}::int) as l(lane)
     where ${orgId ?? null}::uuid is null or o.org_id = ${orgId ?? null}::uuid
    on conflict do nothing`);
}

export interface VerifyResult {
  ok: boolean;
  orgsChecked: number;
  eventsChecked: number;
  firstBroken?: { orgId: string; lane: number; seq: number; problem: string };
}

/** Walks every lane of every (or one) organisation's chain; stops at the first broken link. */
export async function verifyAudit(db: Database, orgId?: string): Promise<VerifyResult> {
  const heads = await db.query<{ org_id: string; lane: number; seq: string; hash: string }>(
    `select org_id::text, lane, seq::text, hash from audit_chain_heads ${orgId ? 'where org_id = $1' : ''} order by org_id, lane`,
    orgId ? [orgId] : [],
  );
  let events = 0;
  const orgs = new Set(heads.map((h) => h.org_id));
  for (const head of heads) {
    let prev = genesisHash(head.org_id, head.lane);
    let expectedSeq = 1;
    const batch = 5000;
    for (;;) {
      const rows = await db.query<Record<string, string | null> & { seq: string; occurred_at: Date }>(
        `select seq::text, id::text, occurred_at, actor_user_id::text, actor_role, on_behalf_of, subject_id::text, action, resource_type,
                resource_id, ip, user_agent, reason, prev_hash, hash
           from audit_events where org_id = $1 and lane = $2 and seq >= $3 order by audit_events.seq limit ${batch}`,
        [head.org_id, head.lane, expectedSeq],
      );
      for (const r of rows) {
        const seq = Number(r.seq);
        const broken = (problem: string): VerifyResult => ({ ok: false, orgsChecked: orgs.size, eventsChecked: events, firstBroken: { orgId: head.org_id, lane: head.lane, seq, problem } });
        if (seq !== expectedSeq) return broken(`event ${expectedSeq} is missing`);
        if (r.prev_hash !== prev) return broken('previous-hash link does not match');
        const payload = canonicalPayload(r.id!, new Date(r.occurred_at), {
          actorUserId: r.actor_user_id, actorRole: r.actor_role, onBehalfOf: r.on_behalf_of, subjectId: r.subject_id,
          action: r.action as AuditAction, resourceType: r.resource_type!, resourceId: r.resource_id, ip: r.ip, userAgent: r.user_agent, reason: r.reason,
        });
        const h = chainHash(prev, payload);
        if (h !== r.hash) return broken('event content does not match its hash');
        prev = h;
        expectedSeq++;
        events++;
      }
      if (rows.length < batch) break;
    }
    const headSeq = Number(head.seq);
    if (expectedSeq - 1 !== headSeq || prev !== head.hash) {
      return { ok: false, orgsChecked: orgs.size, eventsChecked: events, firstBroken: { orgId: head.org_id, lane: head.lane, seq: expectedSeq, problem: `chain ends at ${expectedSeq - 1} but the head says ${headSeq}: events were removed` } };
    }
  }
  return { ok: true, orgsChecked: orgs.size, eventsChecked: events };
}
