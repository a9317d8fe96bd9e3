import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // Only the store talks to DuckDB.
    files: ['src/**/*.ts'],
    ignores: ['src/store/**', 'bench/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@duckdb/node-api', message: 'Only src/store imports DuckDB.' }] },
      ],
    },
  },
  {
    // Faces (CLI, server, web) go through the engine façade, never into domain internals.
    files: ['src/cli/**/*.ts', 'src/server/**/*.ts', 'web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@duckdb/node-api', message: 'Only src/store imports DuckDB.' }],
          patterns: [
            {
              group: [
                '**/ingest/**',
                '**/store/**',
                '**/exposure/**',
                '**/scenario/**',
                '**/simulate/**',
                '**/plan/**',
              ],
              message: 'Faces call src/engine.ts only.',
            },
          ],
        },
      ],
    },
  },
  { files: ['eslint.config.js', 'vitest.config.ts'], ...tseslint.configs.disableTypeChecked },
);
