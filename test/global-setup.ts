import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/index.js';
import { migrate } from '../src/platform/db/migrate.js';
import { postgresAdminUrl, withDatabaseName } from './helpers/db.js';

/** Migrates one template database per run; each test file clones it (fast, isolated). */
export default async function setup(project: TestProject) {
  const kind = project.name; // 'pglite' or 'postgres' (the env option reaches workers, not this setup)
  if (kind === 'postgres') {
    const pg = (await import('pg')).default;
    const name = `naast_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const db = await openDatabase({ databaseUrl: withDatabaseName(postgresAdminUrl(), name), poolMax: 2 });
    await migrate(db);
    await db.close();
    project.provide('postgresTemplate' as never, name as never);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      // Leftovers of crashed runs of this process id only; other runs may be in progress.
      await admin.end();
    };
  }
  if (kind === 'pglite') {
    const db = await openDatabase({});
    await migrate(db);
    const dump = await db.internals.pglite!.dumpDataDir('none');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'naast-pglite-')), 'template.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    project.provide('pgliteTemplate' as never, file as never);
    return async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
