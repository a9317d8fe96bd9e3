import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'ballast-import-';
/** Folders from before the owner's id was in the name: removed once surely abandoned. */
const ABANDONED_AFTER_MS = 24 * 3600 * 1000;

/**
 * A folder for one import's temporary copies (transcoded text, workbooks as CSV, piped input), named
 * after the process that owns it. An import killed before its own cleanup leaves its folder behind;
 * the next import removes every such folder whose process is gone.
 */
export async function createWorkDir(base = tmpdir()): Promise<string> {
  await sweepAbandoned(base);
  return mkdtemp(join(base, `${PREFIX}${process.pid}-`));
}

async function sweepAbandoned(base: string): Promise<void> {
  const names = await readdir(base).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const owner = /^ballast-import-(\d+)-/.exec(name)?.[1];
    const abandoned = owner
      ? !isAlive(Number(owner))
      : Date.now() - ((await stat(join(base, name)).catch(() => undefined))?.mtimeMs ?? Date.now()) >
        ABANDONED_AFTER_MS;
    // Another user's folder, or one being removed by its owner right now, is not ours to mind.
    if (abandoned) await rm(join(base, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
