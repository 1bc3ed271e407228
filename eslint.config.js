// Lint rules that guard real bugs and the house layout, not taste:
// - no-floating-promises: an unawaited promise in a request is a lost write (architecture.md);
// - a module reaches another module only through its public.ts, never its tables/queries/service or other files.
import tseslint from 'typescript-eslint';

// From src/modules/<module>/x.ts, `../<other>/<file>` is another module: only its public.ts may be
// imported (not its tables, repository, service, routes, nor helpers like access.ts or plan.ts).
// tables.ts files are exempt below (foreign keys name the other module's table).
const crossModule = {
  patterns: [
    { regex: String.raw`^(\.\./[^./][^/]*|(\.\./)+modules/[^/]+)/(?!public(\.js)?$).+`, message: 'Import the other module through its public.ts.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'drizzle/**', 'test-results/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      eqeqeq: ['error', 'smart'],
      'no-debugger': 'error',
    },
  },
  {
    files: ['src/modules/**/*.ts'],
    ignores: ['src/modules/**/tables.ts', 'src/modules/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', crossModule] },
  },
  {
    files: ['src/platform/**/*.ts'],
    ignores: ['src/platform/**/tables.ts', 'src/platform/db/schema.ts', 'src/platform/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/modules/*/service*', '**/modules/*/repository*', '**/modules/*/routes*', '**/modules/*/tables*'], message: 'The platform uses a module only through its public.ts.' }] }],
    },
  },
);
