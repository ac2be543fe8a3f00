import type { Db } from '../../server/db/database.ts';
import { indexInput } from '../../server/modules/analysis/inbox/inbox.indexer.ts';

/**
 * Runs the inbox indexer until everything committed so far is indexed, with no lag. On PostgreSQL
 * every test file shares one database and one indexer: another file's run may hold it (busy; that
 * run indexes this file's input too, but may not have reached it yet), and a run stops at its time
 * budget with more to do. Either way it runs again, until a run of its own finds nothing left.
 */
export async function indexAllNow(db: Db): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const run = await indexInput(db, { minLagMs: 0 });
    if (!run.busy && !run.more) return;
    if (run.busy) await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the inbox indexer did not catch up');
}
