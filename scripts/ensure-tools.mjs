// Export tests read our PDFs and DOCX files back with real readers: `pdftotext` (Debian poppler-utils)
// and `pandoc`. Installs them when missing and we are root (CI), like ensure-chromium.mjs.
import { execSync, spawnSync } from 'node:child_process';

const TOOLS = [
  { bin: 'pdftotext', pkg: 'poppler-utils' },
  // pandoc reads DOCX and is a much smaller Debian package than LibreOffice.
  { bin: 'pandoc', pkg: 'pandoc' },
];

function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Paths of the tools, installing them first when possible; throws with a clear message otherwise. */
export function ensureTools() {
  let missing = TOOLS.filter((t) => !which(t.bin));
  if (missing.length > 0) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const cmd = `apt-get install -y ${missing.map((t) => t.pkg).join(' ')}`;
    if (!isRoot) throw new Error(`Missing ${missing.map((t) => t.bin).join(' and ')}, needed to check PDF and DOCX exports. Install with: sudo ${cmd}`);
    console.log(`Missing ${missing.map((t) => t.bin).join(' and ')}: installing (${cmd})…`);
    try {
      execSync('apt-get update -qq', { stdio: 'inherit' });
    } catch {
      // an unreachable mirror: the install below still tries with what is cached
    }
    spawnSync('apt-get', ['install', '-y', '-qq', ...missing.map((t) => t.pkg)], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    missing = TOOLS.filter((t) => !which(t.bin));
    if (missing.length > 0) throw new Error(`Installing ${missing.map((t) => t.pkg).join(' ')} failed; install by hand: ${cmd}`);
  }
  return Object.fromEntries(TOOLS.map((t) => [t.bin, which(t.bin)]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureTools());
}
