import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.join(import.meta.dirname, 'src/web');
const utrechtReact = /[\\/]@utrecht[\\/][^\\/]+-react[\\/]dist[\\/]index\.mjs$/;

/**
 * The Utrecht React library (v14) has no per-component entry points, and its top-level
 * `X.displayName = 'X'` writes keep every component alive. Dropping those writes (and marking the
 * packages side-effect free) lets the bundler keep only the components we import (433 kB → a few kB).
 */
function utrechtCharset(): Plugin {
  // unordered-list-css starts with @charset, which is only valid as the very first rule of a file.
  return {
    name: 'naast:utrecht-charset',
    enforce: 'pre',
    transform(code, id) {
      return /[\\/]@utrecht[\\/][^\\/]+-css[\\/].*\.css$/.test(id) ? { code: code.replace(/@charset "[^"]*";\s*/g, ''), map: null } : null;
    },
  };
}

function utrechtTreeShaking(): Plugin {
  return {
    name: 'naast:utrecht-tree-shaking',
    enforce: 'pre',
    transform(code, id) {
      if (!utrechtReact.test(id)) return null;
      return {
        code: code
          .replace(/^([A-Za-z_$][\w$]*)\.displayName = (['"][^'"\n]*['"]);$/gm, '')
          .replace(/^var (\w+) = (\w+)\(/gm, 'var $1 = /*#__PURE__*/ $2('),
        map: null,
      };
    },
  };
}

// The web app: built into dist/web and served by the Fastify server on the same port.
// The manifest lets scripts/build.mjs measure what the sign-in page really loads.
export default defineConfig({
  root,
  base: '/',
  plugins: [utrechtCharset(), utrechtTreeShaking(), react()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    target: 'es2022',
    // The server's CSP allows no data: scripts or styles; keep every asset a real file.
    assetsInlineLimit: 0,
    // React DOM alone is ~190 kB minified (60 kB gzipped); the budget that matters is checked by scripts/build.mjs.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      treeshake: { moduleSideEffects: [{ test: /[\\/]@utrecht[\\/][^\\/]+-react[\\/]/, sideEffects: false }] },
    },
  },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
});
