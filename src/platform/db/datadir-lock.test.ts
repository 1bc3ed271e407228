import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, openDatabase } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('embedded database folder lock', () => {
  it('refuses a folder another live process holds, and takes over a lock left by a dead one', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-lock-'));
    dirs.push(root);
    const dir = path.join(root, 'pglite');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(`${dir}.lock`, String(other.pid));
      await expect(openDatabase({ pgliteDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    // The holder is gone (as after a SIGKILL): the stale lock is taken over.
    const db = await openDatabase({ pgliteDir: dir });
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    // A fresh PGlite folder runs initdb in WASM (~3.5 s quiet): a busy machine needs more than the default 5 s.
  }, 60_000);
});
