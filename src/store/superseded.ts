import type { Workspace } from './workspace.js';

/**
 * A synced copy (an order another channel's export also lists, `via` set) stops counting in
 * `sales_lines` once the channel's own export brings the same order. The flag is kept at import time
 * because finding it again in every read cost 70 ms of a 75 ms query on the demo seller's 93,000
 * lines. Lines are never deleted and `via` is part of a line's key, so the flag only ever turns on.
 *
 * `file` limits the work to what one imported file can change: its own synced lines, and the synced
 * lines of orders it brings itself (`lines`, the file's staged lines: `stage_lines`, or `stage`
 * when they went straight in). `{ shas: 'stage_files' }` does the same for the files of a group read
 * together (their SHA-256 in that table's `sha`, their lines in `lines`). Without it, every line.
 */
export async function markSuperseded(
  ws: Workspace,
  file?: string | { shas: 'stage_files' },
  lines: 'stage_lines' | 'stage' | `stage_group_${number}` = 'stage_lines',
): Promise<void> {
  // Most workspaces hold no synced copy still counting: then there is nothing to look up (the
  // update below would hash every own-export order to find that out).
  const open = await ws.value<boolean>(
    `SELECT EXISTS (SELECT 1 FROM order_lines WHERE via <> '' AND NOT superseded)`,
  );
  if (!open) return;
  const scope =
    file === undefined
      ? ''
      : `AND (${typeof file === 'string' ? 'o.file_sha256 = $sha' : `o.file_sha256 IN (SELECT sha FROM ${file.shas})`}
           OR (o.channel, o.order_id) IN (SELECT channel, order_id FROM ${lines} WHERE via = ''))`;
  await ws.run(
    `UPDATE order_lines o SET superseded = true
     WHERE o.via <> '' AND NOT o.superseded ${scope}
       AND EXISTS (SELECT 1 FROM order_lines p WHERE p.via = '' AND p.channel = o.channel AND p.order_id = o.order_id)`,
    typeof file === 'string' ? { sha: file } : {},
  );
}
