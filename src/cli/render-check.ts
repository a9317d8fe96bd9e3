import type { CheckReport } from '../engine.js';

/** One line per check, a mark first, then what to do when something is off. */
export function renderCheck(r: CheckReport): string {
  const lines = r.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
  lines.push('', r.ok ? `${r.workspace} is sound.` : `${r.workspace} needs attention.`);
  if (r.hint) lines.push(r.hint);
  return lines.join('\n');
}
