import { ACCESS_REASON_MAX, ACCESS_REASON_MIN } from '../../shared/users.js';
import { AppError, notFound } from '../http/errors.js';
import { can, type Actor, type Permission } from './index.js';
import './messages.js';

/**
 * Relationship-aware access to ONE resource (issue 3). The route has already checked the role's
 * permission; a service loads the record (RLS confines it to the tenant), describes how it relates
 * to people and places, and asks `decide` / `authorize` before it returns or changes anything.
 *
 * Rules, per role (deny by default: whatever is not listed is refused):
 *  - every role: the role must hold the permission (policy GRANTS); a resource of another
 *    organisation is refused.
 *  - admin: the whole organisation.
 *  - coordinator: the resource itself (subject is them), resources they are assigned to, resources
 *    at one of their locations, and resources tied to no location (not yet placed, e.g. a new
 *    registration or an organisation-wide account: no other coordinator owns them).
 *    A resource only at other locations: break-the-glass, i.e. allowed with a stated reason of at
 *    least ACCESS_REASON_MIN characters, which goes into the audit event's `reason`; without one the
 *    answer is 403 `reason_required` so the UI can ask for it.
 *  - volunteer: only resources they are assigned to (assignedUserIds) or that are about themselves.
 *  - parent: only resources whose subject is themselves.
 *  - funder: never a resource about a person (aggregated figures have no resource: `decide`
 *    without one only checks the permission).
 * Refusals read as 404 (not found), like a missing permission, so ids cannot be probed.
 */
export interface ResourceRelations {
  /** The organisation the record belongs to; a mismatch is refused even if RLS was bypassed. */
  orgId?: string;
  /** Locations the resource belongs to (a family's location, a user's user_locations). Empty or absent: tied to no location. */
  locationIds?: readonly string[];
  /** Users assigned to it, e.g. the volunteer(s) and coordinator of a family. */
  assignedUserIds?: readonly string[];
  /** The account the data is about, when that person has one. */
  subjectUserId?: string | null;
}

/** Why access was granted; kept for tests and for reading audit trails. */
export type Basis = 'permission' | 'organisation' | 'self' | 'assignment' | 'location' | 'no_location' | 'break_the_glass';

/**
 * `reason` (allowed): what the audit event stores, set only for break-the-glass.
 * `reasonRequired` (refused): a valid reason would have granted access, so the answer is 403, not 404.
 */
export type Decision =
  | { allowed: true; basis: Basis; breakTheGlass: boolean; reason: string | null }
  | { allowed: false; reasonRequired: boolean };

const deny: Decision = { allowed: false, reasonRequired: false };
const grant = (basis: Basis): Decision => ({ allowed: true, basis, breakTheGlass: false, reason: null });

/** A usable break-the-glass reason: trimmed, within the limits the web form also enforces. */
export function normaliseReason(reason: string | null | undefined): string | null {
  const r = reason?.trim();
  if (!r || r.length < ACCESS_REASON_MIN || r.length > ACCESS_REASON_MAX || r.includes('\u0000')) return null;
  return r;
}

export function decide(actor: Actor, permission: Permission, resource?: ResourceRelations, opts: { reason?: string | null } = {}): Decision {
  if (!can(actor, permission)) return deny;
  if (!resource) return grant('permission');
  if (resource.orgId !== undefined && resource.orgId !== actor.orgId) return deny;

  const self = resource.subjectUserId != null && resource.subjectUserId === actor.userId;
  const assigned = resource.assignedUserIds?.includes(actor.userId) ?? false;

  switch (actor.role) {
    case 'admin':
      return grant('organisation');
    case 'coordinator': {
      if (self) return grant('self');
      if (assigned) return grant('assignment');
      const locations = resource.locationIds ?? [];
      if (locations.length === 0) return grant('no_location');
      if (locations.some((l) => actor.locationIds.includes(l))) return grant('location');
      const reason = normaliseReason(opts.reason);
      return reason ? { allowed: true, basis: 'break_the_glass', breakTheGlass: true, reason } : { allowed: false, reasonRequired: true };
    }
    case 'volunteer':
      if (self) return grant('self');
      if (assigned) return grant('assignment');
      return deny;
    case 'parent':
      return self ? grant('self') : deny;
    case 'funder':
      return deny;
    default:
      return deny;
  }
}

/** Throws the problem for a refusal; on success returns the reason to store in the audit event (null when none applies). */
export function assertDecision(decision: Decision): string | null {
  if (!decision.allowed) throw decision.reasonRequired ? reasonRequired() : notFound();
  return decision.reason;
}

/** `decide` and `assertDecision` in one: what a service calls after loading the record. */
export function authorize(actor: Actor, permission: Permission, resource?: ResourceRelations, reason?: string | null): string | null {
  return assertDecision(decide(actor, permission, resource, { reason }));
}

/** 403, not 404: the record exists and the caller may open it once they say why. */
export const reasonRequired = () => new AppError('reason_required', 403, { minimum: ACCESS_REASON_MIN, maximum: ACCESS_REASON_MAX });
