import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { configurePlatform, openConfiguredDatabase } from '../main.js';
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { isUnavailable, type Database } from '../platform/db/index.js';
import { migrate, MigrationsAheadError } from '../platform/db/migrate.js';
import { uuidv7 } from '../platform/db/ids.js';
import { BackupError, backupDatabase, restoreDatabase } from '../platform/db/backup.js';
import { recordAudit, verifyAudit } from '../platform/audit/index.js';
import { createUser } from '../platform/auth/accounts.js';
import { passwordResets } from '../platform/auth/tables.js';
import { randomToken, sha256 } from '../platform/auth/sessions.js';
import { ZEmail, ZId, ZRole, ZText } from '../shared/common.js';
import { createOrganisation } from '../modules/organisations/public.js';
import { locations, municipalities, organisations } from '../modules/organisations/tables.js';
import { removeDemo } from '../demo.js';
import { scheduledJobs } from '../jobs.js';
import { createMailer } from '../platform/mail/index.js';
import { SCALES, seedDatabase, type Scale } from '../seed/index.js';
import { option, parseArgs, required, UsageError, type ArgSpec, type ParsedArgs } from './args.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** A failure the operator can act on: printed as one line, exit code 1, no stack trace. */
export class CommandError extends Error {}

/** Set-password links made by `create-user` are valid this long (like an invitation, issue 3). */
export const SET_PASSWORD_LINK_HOURS = 72;

interface Context {
  db: Database;
  config: Config;
  io: Io;
}

interface Command {
  name: string;
  summary: string;
  usage: string;
  help: string;
  spec: ArgSpec;
  /** takes positional arguments (checked by the command itself) */
  positionals?: boolean;
  run(ctx: Context, args: ParsedArgs): Promise<number>;
}

const ENV_NOTE = `The database is the server's: DATABASE_URL (PostgreSQL), else the embedded database in NAAST_DATA_DIR (default ./data).
With the embedded database, stop the server first: only one process may open it.`;

const commands: Command[] = [
  {
    name: 'migrate',
    summary: 'apply pending database migrations',
    usage: 'naast migrate',
    help: 'Applies every pending migration (every other command does this first, too). Refuses a database that is newer than this version of Naast.',
    spec: {},
    run: async () => 0, // the runner migrates before every command
  },
  {
    name: 'create-org',
    summary: 'create an organisation (tenant)',
    usage: 'naast create-org --name <name> [--location <name>]...',
    help: 'Creates an organisation with its locations (e.g. --location Helmond --location Tilburg) and its audit trail. Prints its id and the location ids.',
    spec: { options: ['name'], repeatable: ['location'] },
    async run({ db, io }, args) {
      const name = parse(ZText(200), required(args, 'name'), '--name');
      const locs = (args.options.get('location') ?? []).map((l) => parse(ZText(200), l, '--location'));
      if (new Set(locs.map((l) => l.toLowerCase())).size !== locs.length) throw new UsageError('each --location must be different');
      const { orgId, locationIds } = await createOrganisation(db, { name, locations: locs });
      io.out(`organisation ${orgId}\n`);
      for (const [n, id] of Object.entries(locationIds)) io.out(`location     ${id}  ${n}\n`);
      return 0;
    },
  },
  {
    name: 'create-user',
    summary: 'create a user and print a single-use set-password link',
    usage: 'naast create-user --org <id> --email <address> --name <display name> --role <role> [--location <id>]... [--municipality <GMxxxx>]',
    help: `Creates a user without a password and prints a single-use link (valid ${SET_PASSWORD_LINK_HOURS} hours) where they choose one.
Roles: admin, coordinator, volunteer, parent, funder. --location (coordinators, volunteers) takes a location id of the organisation;
--municipality (funders only) is the municipality whose figures they may see, e.g. GM0794.`,
    spec: { options: ['org', 'email', 'name', 'role', 'municipality'], repeatable: ['location'] },
    async run({ db, config, io }, args) {
      const orgId = parse(ZId, required(args, 'org'), '--org');
      const email = parse(ZEmail, required(args, 'email'), '--email');
      const displayName = parse(ZText(200), required(args, 'name'), '--name');
      const role = parse(ZRole, required(args, 'role'), '--role');
      const locationIds = [...new Set((args.options.get('location') ?? []).map((l) => parse(ZId, l, '--location')))];
      const municipality = option(args, 'municipality');
      if (municipality !== undefined && role !== 'funder') throw new UsageError('--municipality is only for --role funder');
      if (role === 'funder' && municipality === undefined) throw new UsageError('a funder needs --municipality <GMxxxx>');
      const token = randomToken();
      const userId = await db.withSystem(async (tx) => {
        const [org] = await tx.select({ id: organisations.orgId }).from(organisations).where(eq(organisations.orgId, orgId));
        if (!org) throw new CommandError(`no organisation with id ${orgId}`);
        if (locationIds.length) {
          const found = await tx.select({ id: locations.id }).from(locations).where(and(eq(locations.orgId, orgId), inArray(locations.id, locationIds)));
          const missing = locationIds.filter((id) => !found.some((f) => f.id === id));
          if (missing.length) throw new CommandError(`location ${missing.join(', ')} does not belong to this organisation`);
        }
        if (municipality !== undefined) {
          const [m] = await tx.select({ code: municipalities.code }).from(municipalities).where(eq(municipalities.code, municipality));
          if (!m) throw new CommandError(`unknown municipality code ${municipality} (expected a CBS code such as GM0794)`);
        }
        let id: string;
        try {
          id = await createUser(tx, { orgId, email, displayName, role, locationIds, funderMunicipalityCode: municipality ?? null });
        } catch (err) {
          if (isUniqueViolation(err)) throw new CommandError('this email address already has an account');
          throw err;
        }
        await tx.insert(passwordResets).values({
          orgId,
          id: uuidv7(),
          userId: id,
          tokenHash: sha256(token),
          expiresAt: new Date(Date.now() + SET_PASSWORD_LINK_HOURS * 3600_000),
        });
        await recordAudit(tx, { orgId, actorRole: 'system', subjectId: id, action: 'create', resourceType: 'user', resourceId: id, reason: 'naast create-user' });
        return id;
      });
      io.out(`user ${userId}\n`);
      io.out(`Set-password link (single use, valid ${SET_PASSWORD_LINK_HOURS} hours); give it to the user over a safe channel:\n`);
      io.out(`${config.publicUrl.replace(/\/+$/, '')}/reset-password#token=${orgId}.${token}\n`);
      return 0;
    },
  },
  {
    name: 'audit',
    positionals: true,
    summary: 'audit verify [--org <id>]: check the audit hash chains',
    usage: 'naast audit verify [--org <id>]',
    help: 'Walks every lane of every (or one) organisation\'s audit chain. Exit code 0 when intact; 1 with the first broken link.',
    spec: { options: ['org'] },
    async run({ db, io }, args) {
      const [sub, ...rest] = args.positionals;
      if (sub !== 'verify' || rest.length) throw new UsageError('usage: naast audit verify [--org <id>]');
      const org = option(args, 'org');
      const orgId = org === undefined ? undefined : parse(ZId, org, '--org');
      const res = await verifyAudit(db, orgId);
      if (res.ok) {
        io.out(`audit trail intact: ${res.orgsChecked} organisation(s), ${res.eventsChecked} event(s)\n`);
        return 0;
      }
      const b = res.firstBroken!;
      io.out(`AUDIT TRAIL BROKEN: organisation ${b.orgId}, lane ${b.lane}, event ${b.seq}: ${b.problem}\n`);
      return 1;
    },
  },
  {
    name: 'backup',
    positionals: true,
    summary: 'backup <file>: write a portable backup of the whole database',
    usage: 'naast backup <file>',
    help: 'Writes every table to <file> (gzip JSON lines; readable by PGlite and PostgreSQL alike) from one consistent snapshot. The file holds personal data: keep it safe.',
    spec: {},
    async run({ db, io }, args) {
      const file = onePositional(args, 'file');
      const res = await backupDatabase(db, path.resolve(file));
      io.out(`backup written to ${file}: ${res.tables} tables, ${res.rows} rows, ${res.bytes} bytes\n`);
      return 0;
    },
  },
  {
    name: 'restore',
    positionals: true,
    summary: 'restore <file> [--force]: restore a backup into an empty database',
    usage: 'naast restore <file> [--force]',
    help: `Restores a backup made by \`naast backup\` at the same migration level, in one transaction, then verifies the audit trail.
The database must hold no organisation yet; --force replaces everything in it.`,
    spec: { flags: ['force'] },
    async run({ db, io }, args) {
      const file = onePositional(args, 'file');
      const res = await restoreDatabase(db, path.resolve(file), { force: args.flags.has('force') });
      io.out(`restored ${res.tables} tables, ${res.rows} rows; audit trail intact (${res.audit.orgsChecked} organisation(s), ${res.audit.eventsChecked} event(s))\n`);
      return 0;
    },
  },
  {
    name: 'seed',
    summary: 'seed --scale org|region|national [--seed N] [--now T]: generate realistic test data',
    usage: 'naast seed --scale org|region|national [--seed <n>] [--now <yyyy-mm-ddThh:mm:ssZ>]',
    help: `Generates deterministic data (same seed, same data) from the seed documents' figures: org = one organisation over 10 years,
region = 10 organisations, national = 100. Every generated user has the benchmark password (printed). Not for production databases.
Families (applications, intakes, volunteer profiles, matches, trajectories) are placed around --now (default: the current time):
trajectories still running, a waiting list, and an inbox with first-contact deadlines. Same --seed and --now: same data.`,
    spec: { options: ['scale', 'seed', 'now'] },
    async run({ db, config, io }, args) {
      const scale = required(args, 'scale');
      if (!(SCALES as readonly string[]).includes(scale)) throw new UsageError(`--scale must be one of ${SCALES.join(', ')}`);
      const seedText = option(args, 'seed') ?? '1';
      if (!/^\d{1,9}$/.test(seedText)) throw new UsageError('--seed must be a whole number');
      const nowText = option(args, 'now');
      const now = nowText === undefined ? undefined : new Date(nowText);
      if (now && (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(nowText!) || Number.isNaN(now.getTime()))) throw new UsageError('--now must be a date (2026-03-10) or an ISO time (2026-03-10T09:30:00Z)');
      if (config.env === 'production') throw new CommandError('seed refuses to run with NODE_ENV=production');
      const started = Date.now();
      const res = await seedDatabase(db, { scale: scale as Scale, seed: Number(seedText), now, auditLanes: config.auditLanes, onProgress: (m) => io.err(`${m}\n`) });
      io.out(
        `seeded ${res.orgIds.length} organisation(s), ${res.counts.users} users (${Object.entries(res.counts.byRole).map(([r, n]) => `${n} ${r}`).join(', ')}), ` +
          `${res.counts.trajectories} trajectories, ${Object.values(res.counts.applications).reduce((a, b) => a + b, 0)} applications ` +
          `(${Object.entries(res.counts.applications).map(([st, n]) => `${n} ${st}`).join(', ')}), ${res.counts.rows} rows, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      io.out(`every seeded user's password: ${res.password}\n`);
      return 0;
    },
  },
  {
    name: 'demo',
    positionals: true,
    summary: 'demo remove: delete the demo organisation and demo accounts',
    usage: 'naast demo remove',
    help: 'Deletes the demo organisation (or, in an organisation with real users, only its demo accounts) so Naast may start with NODE_ENV=production.',
    spec: {},
    async run({ db, config, io }, args) {
      if (args.positionals.length !== 1 || args.positionals[0] !== 'remove') throw new UsageError('usage: naast demo remove');
      const res = await removeDemo(db, config);
      io.out(res.usersRemoved === 0 ? 'no demo accounts found\n' : `removed ${res.organisationsRemoved} demo organisation(s) and ${res.usersRemoved} demo account(s)\n`);
      return 0;
    },
  },
  {
    name: 'run-job',
    positionals: true,
    summary: 'run-job <name>: run a background job once, now (without a name: list them)',
    usage: 'naast run-job [<name>]',
    help: `Runs one of the server's scheduled jobs once, in this process, and prints what it did (counts only).
Without a name, lists the jobs and their schedules (cron, Amsterdam time). Safe next to running servers on
PostgreSQL: every job claims its own work, so nothing is done twice.`,
    spec: {},
    async run({ db, config, io }, args) {
      if (args.positionals.length === 0) {
        const width = Math.max(...scheduledJobs.map((j) => j.name.length));
        for (const j of scheduledJobs) io.out(`${j.name.padEnd(width)}  ${j.cron}\n`);
        return 0;
      }
      const name = onePositional(args, 'name');
      const job = scheduledJobs.find((j) => j.name === name);
      if (!job) throw new UsageError(`unknown job "${name}"; known: ${scheduledJobs.map((j) => j.name).join(', ')}`);
      const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
      const counts = (await job.run({ db, config, mailer: createMailer(config), log, now: new Date() })) ?? {};
      io.out(`${name} done${Object.keys(counts).length ? `: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}` : ''}\n`);
      return 0;
    },
  },
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Naast operations. Usage: npm run naast -- <command> [options]   (or: node --import tsx src/cli/naast.ts <command>)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --help. Exit codes: 0 done, 1 failed (message on stderr), 2 wrong usage.',
    ENV_NOTE,
    '',
  ].join('\n');
}

function parse<T>(schema: z.ZodType<T>, value: string, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${what} is not valid: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

function onePositional(args: ParsedArgs, what: string): string {
  if (args.positionals.length !== 1) throw new UsageError(`expected exactly one <${what}>`);
  return args.positionals[0]!;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) if (e.code === '23505') return true;
  return false;
}

export interface RunOptions {
  io?: Io;
  env?: NodeJS.ProcessEnv;
  /** Use this database (tests) instead of opening the configured one; it is not closed. */
  db?: Database;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Runs one `naast` command; returns the exit code. Never throws for expected failures. */
export async function runCli(argv: readonly string[], opts: RunOptions = {}): Promise<number> {
  const io = opts.io ?? stdio;
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`naast: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let args: ParsedArgs;
  try {
    args = parseArgs(rest, command.spec);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`naast ${name}: ${err.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    throw err;
  }
  if (args.flags.has('help')) {
    io.out(`usage: ${command.usage}\n\n${command.help}\n\n${ENV_NOTE}\n`);
    return 0;
  }
  if (!command.positionals && args.positionals.length) {
    io.err(`naast ${name}: unexpected argument "${args.positionals[0]}"\nusage: ${command.usage}\n`);
    return 2;
  }

  let config: Config;
  try {
    config = loadConfig(opts.env ?? process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  configurePlatform(config);
  let db: Database | undefined = opts.db;
  try {
    db ??= await openConfiguredDatabase(config);
    const { applied } = await migrate(db);
    if (name === 'migrate') io.out(applied ? `applied ${applied} migration(s)\n` : 'database is up to date\n');
    return await command.run({ db, config, io }, args);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`naast ${name}: ${err.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    if (err instanceof CommandError || err instanceof BackupError || err instanceof MigrationsAheadError) {
      io.err(`naast ${name}: ${err.message}\n`);
      return 1;
    }
    if (isUnavailable(err)) {
      io.err(`naast ${name}: the database is unavailable (${(err as Error).message})\n`);
      return 1;
    }
    // Unexpected: say what failed without driver text (it can quote data); details only with LOG_LEVEL=debug.
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    io.err(`naast ${name} failed: ${(err as Error).name}${code ? ` (${code})` : ''}; run with LOG_LEVEL=debug for details\n`);
    if (config.logLevel === 'debug' || config.logLevel === 'trace') io.err(`${(err as Error).stack}\n`);
    return 1;
  } finally {
    if (db && !opts.db) await db.close();
  }
}
