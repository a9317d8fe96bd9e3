/**
 * YAML text → plain data, treating the text as hostile: YAML 1.2 core schema only (no
 * `!!js/function`, no timestamps turning into Dates, `<<` is an ordinary key the schema refuses),
 * duplicate keys refused, alias expansion capped (billion-laughs), and a size cap before parsing.
 */
import { parseDocument } from 'yaml';
import { scenarioProblem } from './problem.js';

/** Scenario files are a few kilobytes; anything near this is a mistake or an attack. */
export const MAX_SCENARIO_CHARS = 1_000_000;
/** Aliases are handy for repeating a block a few times; expansion beyond this is refused. */
const MAX_ALIAS_COUNT = 50;

export function readYaml(text: string, fileName: string): unknown {
  if (text.length > MAX_SCENARIO_CHARS) {
    scenarioProblem(
      fileName,
      [],
      `is ${text.length.toLocaleString('en-US')} characters long`,
      `A scenario file is at most ${MAX_SCENARIO_CHARS.toLocaleString('en-US')} characters; check that this is the right file.`,
    );
  }
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    merge: false,
    prettyErrors: true,
  });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    // Unknown tags only warn in the yaml package (the value is kept as a string); refuse them too.
    const [line, col] = problem.linePos?.[0] ? [problem.linePos[0].line, problem.linePos[0].col] : [0, 0];
    const what = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    scenarioProblem(fileName, [], `line ${line}, column ${col}: ${lowerFirst(what)}`, yamlHint(what), {
      line,
      column: col,
    });
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml package throws a ReferenceError when alias expansion exceeds the cap.
    if (!(error instanceof ReferenceError)) throw error;
    return scenarioProblem(
      fileName,
      [],
      'aliases expand to too much data',
      'Write the repeated values out, or use fewer aliases (`*name`).',
    );
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function yamlHint(what: string): string {
  if (/unique/i.test(what)) return 'Each key may appear once in a mapping; remove or merge the repeated key.';
  if (/tag/i.test(what))
    return 'Custom YAML tags (`!!js/function`, `!foo`) are not allowed; write plain values.';
  return 'Fix the YAML syntax at that position (indentation, a missing colon or quote).';
}
