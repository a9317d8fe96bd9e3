import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package's version, read from package.json beside the sources or the build (dist/src/server). */
function readVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(up, import.meta.url)), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'ballast' && pkg.version) return pkg.version;
    } catch {
      // Not at this level; try the next one up.
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
