#!/usr/bin/env node
// `npm run build`: bundles the server (esbuild) and builds the web app with Vite, the latter only when its sources changed since the last build
// (start-up and the test script call this every time). Writes dist/web/bundle-sizes.json: the gzipped
// JS and CSS the sign-in page loads, checked against the 250 kB budget of issue 3.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'dist', 'web');
const stampFile = path.join(outDir, '.build-stamp');
export const BUDGET_BYTES = 250_000;
const SIGN_IN_ROUTE = 'modules/auth/SignIn.tsx';

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file changes its folder's mtime
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

export function sourcesMtime() {
  return Math.max(...['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((p) => newestMtime(path.join(root, p))));
}

export function isFresh() {
  if (!fs.existsSync(path.join(outDir, 'index.html')) || !fs.existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    return typeof stamp.sourcesMtime === 'number' && stamp.sourcesMtime >= sourcesMtime();
  } catch {
    return false;
  }
}

const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length;

/** JS and CSS the sign-in page needs: everything index.html references, plus the sign-in route's lazy chunk and its imports. */
export function measureSignIn() {
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const files = new Set();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const tag = m[0];
    const url = tag.match(/\b(?:src|href)="([^"]+)"/)?.[1];
    if (!url || /^https?:/.test(url)) continue;
    const isScript = tag.startsWith('<script');
    const rel = tag.match(/\brel="([^"]+)"/)?.[1];
    if (isScript || rel === 'stylesheet' || rel === 'modulepreload') files.add(url.replace(/^\//, ''));
  }
  const manifestFile = path.join(outDir, '.vite', 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const visit = (key) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file) && key !== SIGN_IN_ROUTE) return;
      files.add(chunk.file);
      for (const css of chunk.css ?? []) files.add(css);
      for (const imp of chunk.imports ?? []) visit(imp);
    };
    visit(SIGN_IN_ROUTE);
  }
  let js = 0;
  let css = 0;
  const perFile = {};
  for (const f of [...files].sort()) {
    const size = gzipSize(f);
    perFile[f] = size;
    if (f.endsWith('.css')) css += size;
    else js += size;
  }
  return { page: 'sign-in', gzip: { js, css, total: js + css }, budget: BUDGET_BYTES, withinBudget: js + css <= BUDGET_BYTES, files: perFile };
}

/**
 * Gzip and Brotli twins of every asset, so the server can send them compressed without compressing
 * per request (@fastify/static's `preCompressed: true` picks them by Accept-Encoding).
 */
function precompress() {
  const dir = path.join(outDir, 'assets');
  for (const f of fs.readdirSync(dir)) {
    if (!/\.(js|css|svg)$/.test(f)) continue;
    const data = fs.readFileSync(path.join(dir, f));
    fs.writeFileSync(path.join(dir, `${f}.gz`), zlib.gzipSync(data, { level: 9 }));
    fs.writeFileSync(path.join(dir, `${f}.br`), zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

export async function buildWeb({ force = false, quiet = false } = {}) {
  const log = quiet ? () => {} : (s) => console.log(s);
  if (!force && isFresh()) {
    log('Web app is up to date (dist/web).');
    return { built: false };
  }
  const started = Date.now();
  const mtime = sourcesMtime();
  const { build } = await import('vite');
  // Always a production build: with NODE_ENV=development in the environment (a dev server start),
  // Vite would otherwise bundle React's development build (+60 kB).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), mode: 'production', logLevel: quiet ? 'error' : 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  precompress();
  const sizes = measureSignIn();
  fs.writeFileSync(path.join(outDir, 'bundle-sizes.json'), JSON.stringify(sizes, null, 2) + '\n');
  fs.writeFileSync(stampFile, JSON.stringify({ sourcesMtime: mtime, builtAt: new Date().toISOString() }) + '\n');
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign-in page (gzip): JS ${kb(sizes.gzip.js)} + CSS ${kb(sizes.gzip.css)} = ${kb(sizes.gzip.total)} (budget ${kb(BUDGET_BYTES)}).`);
  if (!sizes.withinBudget) {
    console.error('✖ The sign-in page exceeds the 250 kB budget (see dist/web/bundle-sizes.json).');
    process.exitCode = 1;
  }
  return { built: true, sizes };
}

export const SERVER_BUNDLE = path.join(root, 'dist', 'server', 'server.mjs');

/**
 * Bundles the server's own TypeScript into one ESM file (packages stay external). Starting from it
 * instead of through tsx cut the restart time from ~1.5 s to ~1.05 s (npm run bench). Takes ~50 ms,
 * so it simply runs every time.
 */
export async function buildServer() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'src', 'server.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return SERVER_BUNDLE;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  Promise.all([buildWeb({ force: process.argv.includes('--force') }), buildServer()]).catch((err) => {
    console.error('Building Naast failed:', err?.message ?? err);
    process.exit(1);
  });
}
