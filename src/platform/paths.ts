import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder (where package.json lives). Found by walking up from this file, so paths stay
 * right both when the server runs from its sources (tsx) and from the bundle in dist/server.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'drizzle'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Naast cannot find its project folder (package.json next to drizzle/)');
    dir = parent;
  }
}

export const ROOT = findRoot();
