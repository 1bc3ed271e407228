import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, foreignKey, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, updatedAt } from '../../platform/db/columns.js';

/** A tenant: one parent-support organisation (stichting). Its own id is its org_id. */
export const organisations = pgTable('organisations', {
  orgId: uuid('org_id').primaryKey(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A location (vestiging) from which the organisation works, e.g. Helmond, Tilburg. */
export const locations = pgTable(
  'locations',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }).onDelete('cascade'),
  ],
);

/** Reference data shared by all tenants: Dutch municipalities (CBS code, e.g. GM0794). */
export const municipalities = pgTable('municipalities', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  province: text('province').notNull(),
  lat: doublePrecision('lat').notNull(),
  lon: doublePrecision('lon').notNull(),
});

/**
 * Work area (werkgebied): the municipalities the organisation serves, each linked to the location
 * that handles it and the way the municipality pays (seed 000: annual subsidy or per trajectory).
 */
export const workArea = pgTable(
  'work_area',
  {
    orgId: orgId(),
    municipalityCode: text('municipality_code').notNull().references(() => municipalities.code),
    locationId: uuid('location_id').notNull(),
    funding: text('funding').notNull(),
    /** Per-trajectory municipalities pay only under a purchase agreement (inkoopafspraak); without one a trajectory needs financing first. */
    purchaseAgreement: boolean('purchase_agreement').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.municipalityCode] }),
    foreignKey({ columns: [t.orgId, t.locationId], foreignColumns: [locations.orgId, locations.id] }),
    check('work_area_funding_check', sql`${t.funding} in ('subsidy', 'per_trajectory')`),
  ],
);
