import { sql } from 'drizzle-orm';
import { check, foreignKey, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz, updatedAt } from '../../platform/db/columns.js';
import { users } from '../../platform/auth/tables.js';
import { applications } from '../intake/tables.js';

/**
 * A trajectory (trajectondersteuning): starts when a volunteer accepts a match. Issue 5 builds the
 * phases, plan, contacts and closure on this; issue 4 only starts it.
 */
export const trajectories = pgTable(
  'trajectories',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    applicationId: uuid('application_id').notNull(),
    locationId: uuid('location_id'),
    leadVolunteerId: uuid('lead_volunteer_id').notNull(),
    coachUserId: uuid('coach_user_id'),
    phase: text('phase').notNull().default('intake_done'),
    startedAt: tstz('started_at').notNull(),
    endedAt: tstz('ended_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id] }),
    foreignKey({ columns: [t.orgId, t.leadVolunteerId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex('trajectories_application_idx').on(t.orgId, t.applicationId),
    check('trajectories_phase_check', sql`${t.phase} in ('intake_done', 'clarifying', 'support', 'building_down', 'closing', 'aftercare', 'ended')`),
  ],
);
