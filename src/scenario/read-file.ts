/**
 * The scenario domain's only I/O: read a scenario file as text. Everything else is pure, so the
 * server and tests can pass text straight to parseScenario.
 */
import { readFile, stat } from 'node:fs/promises';
import { BallastError } from '../errors.js';
import { MAX_SCENARIO_CHARS } from './read-yaml.js';

export async function readScenarioFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    // Check the size first so a wrong path to a huge file fails fast instead of filling memory.
    const { size } = await stat(path);
    if (size > MAX_SCENARIO_CHARS * 4) {
      throw new BallastError(
        'bad-input',
        `${path}: is ${size.toLocaleString('en-US')} bytes, too big for a scenario file`,
        {
          hint: 'Check that this is the right file; scenario files are a few kilobytes.',
        },
      );
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof BallastError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new BallastError('not-found', `${path}: no such file`, {
        hint: 'Check the path, or create a starter file with `ballast scenario new`.',
        cause: error,
      });
    }
    throw new BallastError('bad-file', `${path}: cannot be read (${code ?? 'error'})`, {
      hint: 'Check that the path is a readable file.',
      cause: error,
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new BallastError('bad-file', `${path}: is not UTF-8 text`, {
      hint: 'Save the scenario as UTF-8 (YAML files are UTF-8).',
      cause: error,
    });
  }
}
