/**
 * Where the demo's scenario file is. It stays a YAML file (a user reads and edits it like their own),
 * so the TypeScript build does not copy it: from the compiled `dist/src/demo/` it is found back in
 * the package's `src/demo/`, which ships with it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BallastError } from '../errors.js';

const CANDIDATES = ['./scenario.yaml', '../../../src/demo/scenario.yaml'];

/** Absolute path of `src/demo/scenario.yaml`. */
export function demoScenarioPath(): string {
  for (const candidate of CANDIDATES) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new BallastError(
    'internal',
    'the demo scenario file src/demo/scenario.yaml is missing from the installation',
    {
      hint: 'Reinstall Ballast from its repository; the file ships with the sources.',
    },
  );
}

/** The scenario file's text, to write beside the generated files. */
export function demoScenarioText(): Promise<string> {
  return readFile(demoScenarioPath(), 'utf8');
}
