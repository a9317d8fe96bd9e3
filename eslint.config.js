import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/** Domain folders under src/: each has one door, its index.ts. */
const DOMAINS = [
  'ingest',
  'store',
  'exposure',
  'scenario',
  'simulate',
  'plan',
  'report',
  'compose',
  'demo',
  'agency',
  'monitor',
];
const DUCKDB = { name: '@duckdb/node-api', message: 'Only src/store imports DuckDB.' };

/** Another domain's files, except its index.ts (`../plan/run.js` is refused, `../plan/index.js` is not). */
const internalsOf = (domain) => ({
  group: [`**/${domain}/*`, `!**/${domain}/index.js`],
  message: `Import ${domain} through src/${domain}/index.ts: its other files are its own business.`,
});

/** Tests may open DuckDB directly to check what the store wrote. */
const boundaries = (self, { test = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: self === 'store' || test ? [] : [DUCKDB],
      patterns: DOMAINS.filter((d) => d !== self).map(internalsOf),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'scratch/', 'web/dist/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // No import cycles in the sources: a cycle means two modules are one concept, or one is misplaced.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    // No `x!` anywhere: code proves a value is there (a guard, errors.ts's present(), a default, a
    // narrower type).
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
  // The engine and each domain reach other domains through their index.ts only (tests included).
  { files: ['src/*.ts'], rules: boundaries(null) },
  ...DOMAINS.map((domain) => ({ files: [`src/${domain}/**/*.ts`], rules: boundaries(domain) })),
  ...DOMAINS.map((domain) => ({
    files: [`src/${domain}/**/*.test.ts`],
    rules: boundaries(domain, { test: true }),
  })),
  {
    // Faces (CLI, server, web) go through the engine façade, never into domain internals.
    files: ['src/cli/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [DUCKDB],
          patterns: [
            {
              group: DOMAINS.map((d) => `**/${d}/**`),
              message: 'Faces call src/engine.ts only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard runs in a browser: it may use the report's browser-safe parts (chart options,
    // words, formatters, the shapes of the data) and type-only imports of the engine façade, never
    // another domain and never the report's server-side renderer (it would pull ECharts' SSR and
    // every section into the first load).
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [DUCKDB],
          patterns: [
            {
              group: DOMAINS.filter((d) => d !== 'report').map((d) => `**/${d}/**`),
              message: 'The dashboard talks to the server; it imports only types from src/engine.ts.',
            },
            {
              group: [
                '**/report/index*',
                '**/report/render-html*',
                '**/report/ssr*',
                '**/report/sections/**',
              ],
              message:
                'Import the report’s charts/, i18n, context or types: the rest renders HTML on the server.',
            },
          ],
        },
      ],
    },
  },
  { files: ['eslint.config.js', 'vitest.config.ts'], ...tseslint.configs.disableTypeChecked },
);
