#!/usr/bin/env node
// `npm start`: build the web app when its sources changed, then run the server as a child process
// (signals forwarded, its exit code returned).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildWeb } from './build.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

try {
  await buildWeb();
} catch (err) {
  console.error('Building the web app failed:', err?.message ?? err);
  process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 1) : 1));
});
