import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, pgErrorCode } from '../../../shared/errors.ts';
import { findCodings, type ThemeNode, themeTree } from '../../analysis/codings/coverage.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import * as repo from './summaries.repository.ts';
import { citationProblem, missingForReady } from './summaries.rules.ts';
import type { SaveSummaryInput, ThemeSummary } from './summaries.schemas.ts';
import { readSummary, scope, themeOf } from './summaries.service.ts';

/** Saving a theme's summary (issue 14 story 5): the version check, the citations' check, the audit event. */

const stale = () =>
  new AppError('CONFLICT', 'The summary was changed since you opened it: reload it and make your change again', {
    reason: 'stale_version',
  });

/** Checks every citation (422 with each bad one and why); nothing is written before. */
async function checkCitations(
  db: Db,
  consultationId: string,
  theme: ThemeNode,
  input: SaveSummaryInput,
  kept: Set<string>,
) {
  const ids = input.sentences.flatMap((s) => s.codingIds);
  const found = await findCodings(db, consultationId, ids);
  const subtree = new Set(theme.subtree);
  const invalid = input.sentences.flatMap((s, i) =>
    s.codingIds.flatMap((codingId) => {
      const reason = citationProblem(codingId, found, subtree, kept);
      return reason ? [{ path: `sentences.${i}.codingIds`, codingId, reason }] : [];
    }),
  );
  if (invalid.length > 0) {
    throw new AppError(
      'RULE_VIOLATION',
      'A sentence cites a passage that is not coded with this theme in this consultation',
      { reason: 'citation', invalid },
    );
  }
}

/**
 * Saves a theme's summary (creates it at version 0): sentences with their citations, the answer, its
 * reason and the change made, and the status; a stale version is a 409, a bad citation or a "ready"
 * summary that is incomplete a 422. Audited.
 */
export async function saveThemeSummary(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  tagId: string,
  input: SaveSummaryInput,
): Promise<ThemeSummary> {
  const c = await scope(db, actor, idOrSlug, 'write');
  const tree = await themeTree(db, c.id);
  const theme = themeOf(tree, tagId);
  const missing = missingForReady(input);
  if (missing.length > 0) {
    throw new AppError('RULE_VIOLATION', 'A summary marked ready needs its sentences and answer in both languages', {
      reason: 'incomplete',
      missing,
    });
  }
  const existing = await repo.findSummary(db, c.id, tagId);
  if ((existing?.version ?? 0) !== input.version) throw stale();
  const kept = new Set(existing ? (await repo.listCitations(db, c.id, existing.id)).map((x) => x.codingId) : []);
  await checkCitations(db, c.id, theme, input, kept);
  const values: repo.SummaryValues = {
    status: input.status,
    answer: input.answer,
    answerReason: input.answerReason,
    changeMade: input.changeMade,
    writtenBy: actor!.id,
  };
  try {
    await db.transaction().execute(async (trx) => {
      const saved = existing
        ? await repo.updateSummary(trx, c.id, existing.id, input.version, values)
        : await repo.insertSummary(trx, c.id, tagId, values);
      if (!saved) throw stale();
      await repo.replaceSentences(trx, c.id, saved.id, input.sentences);
      await recordAudit(trx, actor, {
        action: existing ? 'theme_summary.update' : 'theme_summary.create',
        itemType: 'theme_summary',
        itemId: saved.id,
        consultationId: c.id,
        details: {
          tagId,
          version: saved.version,
          status: input.status,
          answer: input.answer,
          sentences: input.sentences.length,
          citations: input.sentences.reduce((n, s) => n + s.codingIds.length, 0),
        },
      });
    });
  } catch (err) {
    // Two first saves of one theme at once: the second meets the unique tag key.
    if (pgErrorCode(err) === '23505') throw stale();
    throw err;
  }
  return readSummary(db, actor, c.id, tree, theme);
}
