#!/usr/bin/env node
// `npm start`: bundle the server, build the web app when its sources changed, then run the server as a child process
// (signals forwarded, its exit code returned).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildServer, buildWeb } from './build.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

let server;
try {
  [, server] = await Promise.all([buildWeb(), buildServer()]);
} catch (err) {
  console.error('Building Naast failed:', err?.message ?? err);
  process.exit(1);
}

const child = spawn(process.execPath, ['--enable-source-maps', server, ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 1) : 1));
});
