import type { Db } from '../../../db/database.ts';
import * as repo from '../responses.repository.ts';

/**
 * Group commit for submissions: while a write is in flight, the submissions that arrive meanwhile
 * wait and then go to the database together, as one statement (repo.writeSubmissions), so under load
 * a hundred submissions cost a few round trips and commits instead of a hundred. Alone, a submission
 * goes at once (no timer, no added wait). Each caller still learns its own outcome only after the
 * statement committed. If a shared statement fails, its submissions are written again one by one,
 * so one submission's error (a receipt-code collision, a question deleted meanwhile) stays its own.
 */
export type SubmissionWriter = {
  write: (w: repo.SubmissionWrite) => Promise<repo.SubmissionWritten>;
};

type Waiting = {
  w: repo.SubmissionWrite;
  resolve: (r: repo.SubmissionWritten) => void;
  reject: (err: unknown) => void;
};

export function createSubmissionWriter(
  db: Db,
  opts: { maxBatch?: number; maxInFlight?: number } = {},
): SubmissionWriter {
  const maxBatch = opts.maxBatch ?? 64;
  // One statement at a time: measured under the bench, a second one in flight made each submission
  // cost more in PostgreSQL (smaller batches, more commits) and the total fewer per second.
  const maxInFlight = opts.maxInFlight ?? 1;
  const queue: Waiting[] = [];
  let inFlight = 0;

  async function writeAlone(item: Waiting) {
    try {
      item.resolve((await repo.writeSubmissions(db, [item.w]))[0]!);
    } catch (err) {
      item.reject(err);
    }
  }

  async function run(batch: Waiting[]) {
    if (batch.length === 1) return writeAlone(batch[0]!);
    let results: repo.SubmissionWritten[];
    try {
      results = await repo.writeSubmissions(
        db,
        batch.map((b) => b.w),
      );
    } catch {
      for (const item of batch) await writeAlone(item);
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
  }

  function pump() {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    write(w) {
      return new Promise((resolve, reject) => {
        queue.push({ w, resolve, reject });
        pump();
      });
    },
  };
}
