import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { uuidv7 } from '../db/ids.js';
import { loginDirectory, userLocations, users, type Role } from './tables.js';

export interface NewUser {
  orgId: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash?: string | null;
  language?: 'nl' | 'en';
  locationIds?: string[];
  funderMunicipalityCode?: string | null;
  isDemo?: boolean;
}

/**
 * Creates a user and its sign-in directory entry in one go. Must run on the system path
 * (db.withSystem): the directory spans tenants. Throws a unique violation (→ 409) for a taken address.
 */
export async function createUser(tx: Executor, input: NewUser): Promise<string> {
  const id = uuidv7();
  const email = input.email.trim();
  await tx.insert(loginDirectory).values({ emailLower: email.toLowerCase(), orgId: input.orgId, userId: id });
  await tx.insert(users).values({
    orgId: input.orgId,
    id,
    email,
    displayName: input.displayName,
    role: input.role,
    passwordHash: input.passwordHash ?? null,
    language: input.language ?? 'nl',
    funderMunicipalityCode: input.funderMunicipalityCode ?? null,
    isDemo: input.isDemo ?? false,
  });
  for (const locationId of input.locationIds ?? []) {
    await tx.insert(userLocations).values({ orgId: input.orgId, userId: id, locationId });
  }
  return id;
}

/** Finds the organisation and user for a sign-in address (system path only). */
export async function lookupLogin(tx: Executor, email: string): Promise<{ orgId: string; userId: string } | undefined> {
  const [row] = await tx
    .select({ orgId: loginDirectory.orgId, userId: loginDirectory.userId })
    .from(loginDirectory)
    .where(eq(loginDirectory.emailLower, email.trim().toLowerCase()));
  return row;
}

export async function getUser(tx: Executor, orgId: string, userId: string) {
  const [row] = await tx.select().from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return row;
}
