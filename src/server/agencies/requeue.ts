/**
 * Keeps the queue holding every unfinished job: at start and then every `everyMs`, the jobs Postgres
 * has not seen finish are offered to the queue again (a no-op for those it still holds). Redis run
 * without persistence loses its queue on a restart; this puts the jobs back, and the workers, which
 * reconnect by themselves, carry on. A failure (Redis or Postgres still away) is logged and retried.
 */
import type * as agencyEngine from '../../engine-agency.js';

export function keepQueued(
  agency: agencyEngine.Agency,
  queue: agencyEngine.JobQueue,
  everyMs: number,
  log: (line: string) => void,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await agency.requeue(queue);
    } catch (error) {
      log(`requeue: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
