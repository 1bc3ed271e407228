// Browser tests use Debian's Chromium (never a downloaded browser build). Installs it when missing and root.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  console.log('Chromium is missing: installing Debian\'s chromium package (apt-get install -y chromium)…');
  execSync('apt-get update -qq', { stdio: 'inherit' });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-core'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0 || !fs.existsSync(CHROMIUM)) throw new Error('Installing chromium failed; install it by hand: apt-get install -y chromium');
  return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
