import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/platform/config.js';

/** Issue 2 (Operations): configuration only from the environment, one clear line per problem, all documented. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  return [];
}

/** The variable names of the Env schema, read from the source so a new variable cannot go undocumented. */
function schemaVariables(): string[] {
  const src = fs.readFileSync(path.join(ROOT, 'src/platform/config.ts'), 'utf8');
  const start = src.indexOf('z.object({');
  expect(start, 'config.ts defines its Env schema with z.object({').toBeGreaterThan(0);
  // The schema ends at the first line that closes the object at the outer indentation.
  const end = src.indexOf('\n});', start);
  const body = src.slice(start, end);
  const names = [...body.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
  return names;
}

/** Variables in .env.example: `NAME=value` lines, each preceded by at least one comment line. */
function documentedVariables(): Map<string, { value: string; comment: string }> {
  const lines = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').split('\n');
  const out = new Map<string, { value: string; comment: string }>();
  let comment: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith('#')) comment.push(line.slice(1).trim());
    else if (line === '') comment = [];
    else {
      const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      expect(m, `.env.example line is NAME=value: ${line}`).not.toBeNull();
      // A group of variables may share the comment above them (HOST and PORT).
      out.set(m![1]!, { value: m![2]!, comment: comment.join(' ') });
      comment = [];
    }
  }
  return out;
}

describe('loadConfig', () => {
  it('accepts an empty environment with development defaults', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.jobs).toBe(true);
    expect(c.reminderHoursBefore).toBe(4);
  });

  it('turns background jobs off and sets the reminder lead time', () => {
    const c = loadConfig({ NAAST_JOBS: 'off', NAAST_REMINDER_HOURS_BEFORE: '0' });
    expect(c.jobs).toBe(false);
    expect(c.reminderHoursBefore).toBe(0);
    expect(problemsOf({ NAAST_JOBS: '1' })).toEqual(['NAAST_JOBS must be on or off']);
  });

  it('treats an empty variable as not set (PORT= in a .env file is not port 0)', () => {
    const c = loadConfig({ PORT: '', HOST: '', NAAST_ARGON2_ITERATIONS: '' });
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.argon2).toEqual({ memoryCost: 65536, timeCost: 4 });
  });

  it('reports a bad DATABASE_URL in one clear line naming the variable', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://root@localhost/naast' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL is not a valid postgres URL/);
  });

  it.each([
    ['abc', 'not a number'],
    ['70000', 'too big'],
    ['-1', 'negative'],
    ['80.5', 'not whole'],
  ])('reports PORT=%s (%s) in one line naming the variable', (value) => {
    const problems = problemsOf({ PORT: value });
    expect(problems).toEqual(['PORT must be a whole number from 0 to 65535']);
  });

  it('reports every problem at once, one line each, with the variable name first', () => {
    const bad = {
      NODE_ENV: 'prod',
      PORT: 'http',
      DATABASE_URL: 'localhost:5432',
      DATABASE_POOL_MAX: '0',
      NAAST_DEMO: 'yes',
      NAAST_SECRET_KEY: 'short',
      NAAST_DOCUMENT_KEY: 'c2hvcnQ=',
      NAAST_DOCUMENT_KEYS_PREVIOUS: 'bm90IGEga2V5',
      NAAST_PUBLIC_URL: 'not a url',
      NAAST_AUDIT_LANES: '0',
      NAAST_ARGON2_MEMORY_KIB: '1',
      NAAST_ARGON2_ITERATIONS: 'many',
      SMTP_URL: 'http://mail.example.org',
      LOG_LEVEL: 'loud',
      NAAST_JOBS: 'yes',
      NAAST_REMINDER_HOURS_BEFORE: '72',
    };
    const problems = problemsOf(bad);
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(Object.keys(bad).sort());
    for (const p of problems) {
      expect(p).not.toContain('\n');
      // The message explains itself beyond the variable name.
      expect(p.length).toBeGreaterThan(p.split(' ')[0]!.length + 5);
    }
    // The thrown message lists them as one line each (server.ts prints it as is).
    try {
      loadConfig(bad);
    } catch (err) {
      expect((err as Error).message.split('\n').slice(1)).toHaveLength(problems.length);
    }
  });

  it('never echoes a secret value in its message', () => {
    const secret = 'zz'.repeat(32);
    const problems = problemsOf({ NAAST_SECRET_KEY: secret, SMTP_URL: 'http://user:hunter2hunter2@mail' });
    expect(problems.join('\n')).not.toContain(secret);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reads the document key and earlier ones (base64, 32 bytes)', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const old = Buffer.alloc(32, 9).toString('base64');
    const c = loadConfig({ NAAST_DOCUMENT_KEY: key, NAAST_DOCUMENT_KEYS_PREVIOUS: ` ${old} ,` });
    expect(c.documentKey).toBe(key);
    expect(c.documentKeysPrevious).toEqual([old]);
    expect(loadConfig({}).documentKey).toBeUndefined();
    expect(problemsOf({ NAAST_DOCUMENT_KEY: Buffer.alloc(16).toString('base64') })).toEqual([
      'NAAST_DOCUMENT_KEY must be 32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`',
    ]);
  });
});

describe('.env.example', () => {
  it('documents every variable of the schema, with a comment, and nothing else', () => {
    const schema = schemaVariables();
    expect(schema.length).toBeGreaterThan(10);
    expect(schema).toContain('DATABASE_URL');
    const documented = documentedVariables();
    expect([...documented.keys()].sort()).toEqual([...schema].sort());
    const undocumented = [...documented].filter(([, d]) => d.comment.length < 10).map(([k]) => k);
    // HOST/PORT and SMTP_URL/MAIL_FROM share one comment: a variable right below another needs none.
    const lines = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').split('\n');
    for (const name of undocumented) {
      const i = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(lines[i - 1], `${name} has a comment or follows a documented variable`).toMatch(/^[A-Z][A-Z0-9_]*=/);
    }
  });

  it('its example values are themselves a valid configuration', () => {
    const env = Object.fromEntries([...documentedVariables()].map(([k, v]) => [k, v.value]));
    expect(problemsOf(env)).toEqual([]);
  });
});
