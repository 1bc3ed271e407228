import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every tenant table starts with org_id so it can be distributed by it later (Citus). */
export const orgId = () => uuid('org_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
