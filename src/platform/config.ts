import { z } from 'zod';
import path from 'node:path';

/**
 * All configuration comes from environment variables (DEVELOPERS.md: secrets only from the
 * environment). Parsed once at start-up; every problem is reported in its own clear line.
 */
/** A whole number in [min, max], with one plain message whatever is wrong with it. */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, `must be a whole number from ${min} to ${max}`)
    .default(fallback);

/** A 32-byte key written as standard base64. */
const isKey32 = (v: string) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32;

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: wholeNumber(0, 65535, 3000),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\/.+/.test(v), 'is not a valid postgres URL (postgres://user@host:port/db)'),
  DATABASE_POOL_MAX: wholeNumber(1, 500, 20),
  NAAST_DATA_DIR: z.string().min(1).default('./data'),
  NAAST_DEMO: z.enum(['0', '1']).default('1'),
  NAAST_SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^[0-9a-f]{64}$/i.test(v), 'must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`'),
  NAAST_PUBLIC_URL: z.string().url('is not a valid URL').optional(),
  NAAST_DOCUMENT_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || isKey32(v), 'must be 32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`'),
  NAAST_DOCUMENT_KEYS_PREVIOUS: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || v.split(',').map((k) => k.trim()).filter(Boolean).every(isKey32), 'must be a comma-separated list of 32-byte base64 keys'),
  NAAST_AUDIT_LANES: wholeNumber(1, 64, 8),
  NAAST_ARGON2_MEMORY_KIB: wholeNumber(8192, 1048576, 65536),
  NAAST_ARGON2_ITERATIONS: wholeNumber(1, 20, 4),
  SMTP_URL: z.string().optional().refine((v) => v === undefined || v === '' || /^smtps?:\/\/.+/.test(v), 'is not a valid smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().default('Naast <no-reply@naast.localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NAAST_JOBS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  NAAST_REMINDER_HOURS_BEFORE: wholeNumber(0, 48, 4),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  poolMax: number;
  dataDir: string;
  demo: boolean;
  secretKey: string | undefined;
  /**
   * Encrypts uploaded documents (base64, 32 bytes). Required in production (checked where it is used,
   * like secretKey); elsewhere derived from the installation's secret key (platform/auth/secrets).
   */
  documentKey: string | undefined;
  /** Earlier document keys, still accepted for reading after a rotation. */
  documentKeysPrevious: string[];
  publicUrl: string;
  auditLanes: number;
  argon2: { memoryCost: number; timeCost: number };
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Background jobs (reminders, housekeeping) in this process. Off: another process runs them, or none do. */
  jobs: boolean;
  /** Coordinators are reminded this many hours before an application's first-contact deadline. */
  reminderHoursBefore: number;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (PORT= in a .env file) means "not set", not 0 or "".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  const port = e.PORT;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port,
    databaseUrl: e.DATABASE_URL || undefined,
    poolMax: e.DATABASE_POOL_MAX,
    dataDir: path.resolve(e.NAAST_DATA_DIR),
    demo: e.NAAST_DEMO === '1',
    secretKey: e.NAAST_SECRET_KEY || undefined,
    documentKey: e.NAAST_DOCUMENT_KEY || undefined,
    documentKeysPrevious: (e.NAAST_DOCUMENT_KEYS_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    publicUrl: e.NAAST_PUBLIC_URL ?? `http://${e.HOST}:${port}`,
    auditLanes: e.NAAST_AUDIT_LANES,
    argon2: { memoryCost: e.NAAST_ARGON2_MEMORY_KIB, timeCost: e.NAAST_ARGON2_ITERATIONS },
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    jobs: e.NAAST_JOBS === 'on',
    reminderHoursBefore: e.NAAST_REMINDER_HOURS_BEFORE,
  };
}
