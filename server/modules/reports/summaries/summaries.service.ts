import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, forbidden, notFound, pgErrorCode } from '../../../shared/errors.ts';
import { requireWorkspace } from '../../analysis/analysis.service.ts';
import {
  countsByTheme,
  findCodings,
  listThemePassages,
  NO_COUNTS,
  type ThemeCounts,
  type ThemeNode,
  themeTree,
} from '../../analysis/codings/coverage.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { canSummaries, type SummaryAction } from './summaries.policy.ts';
import * as repo from './summaries.repository.ts';
import { citationProblem, coveragePercent, missingForReady } from './summaries.rules.ts';
import type {
  Citation,
  Coverage,
  PassagePage,
  PassageQuery,
  SaveSummaryInput,
  ThemeSummary,
  ThemeSummaryList,
} from './summaries.schemas.ts';

/**
 * Theme summaries and the agency's answers (issue 14 story 5): per codebook theme, sentences that
 * cite the coded passages they rest on, the answer and the change it led to; how much of the theme's
 * coded input the summary cites, and the "single voices" no summary cites yet. Codings are the
 * analysis module's: read through its coverage service.
 */

async function scope(db: Db, actor: Actor | null, idOrSlug: string, action: SummaryAction) {
  if (!canSummaries(actor, action)) throw forbidden();
  return requireWorkspace(db, actor, idOrSlug, action === 'write' ? 'code' : 'read');
}

function themeOf(tree: readonly ThemeNode[], tagId: string): ThemeNode {
  const node = tree.find((t) => t.id === tagId);
  if (!node) throw notFound('Theme');
  return node;
}

function toCoverage(n: ThemeCounts): Coverage {
  return {
    passages: n.passages,
    items: n.items,
    citedPassages: n.citedPassages,
    citedItems: n.citedItems,
    passagePercent: coveragePercent(n.citedPassages, n.passages),
    itemPercent: coveragePercent(n.citedItems, n.items),
    singleVoices: n.uncited,
  };
}

/** The codings each theme's summary cites, by the theme's tag. */
function citedByTheme(citations: readonly { tagId: string; codingId: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of citations) out.set(c.tagId, [...(out.get(c.tagId) ?? []), c.codingId]);
  return out;
}

export async function listThemeSummaries(db: Db, actor: Actor | null, idOrSlug: string): Promise<ThemeSummaryList> {
  const c = await scope(db, actor, idOrSlug, 'read');
  const [tree, summaries, citations, sentences] = await Promise.all([
    themeTree(db, c.id),
    repo.listSummaries(db, c.id),
    repo.listCitations(db, c.id),
    repo.sentenceCounts(db, c.id),
  ]);
  const counts = await countsByTheme(db, actor, c.id, tree, citedByTheme(citations));
  const byTag = new Map(summaries.map((s) => [s.tagId, s]));
  return {
    consultationId: c.id,
    themes: tree
      .filter((t) => !t.archived)
      .map((t) => {
        const s = byTag.get(t.id);
        return {
          tagId: t.id,
          parentId: t.parentId,
          depth: t.depth,
          name: t.name,
          summaryId: s?.id ?? null,
          status: s?.status ?? null,
          answer: s?.answer ?? null,
          version: s?.version ?? 0,
          sentenceCount: s ? (sentences.get(s.id) ?? 0) : 0,
          coverage: toCoverage(counts.get(t.id) ?? NO_COUNTS),
        };
      }),
  };
}

function pathOf(tree: readonly ThemeNode[], node: ThemeNode) {
  const path = [node.name];
  for (let p = node.parentId; p;) {
    const parent = tree.find((t) => t.id === p);
    if (!parent) break;
    path.unshift(parent.name);
    p = parent.parentId;
  }
  return path;
}

async function readSummary(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  tree: readonly ThemeNode[],
  theme: ThemeNode,
): Promise<ThemeSummary> {
  const s = await repo.findSummary(db, consultationId, theme.id);
  const [sentences, own, all] = await Promise.all([
    s ? repo.listSentences(db, consultationId, s.id) : [],
    s ? repo.listCitations(db, consultationId, s.id) : [],
    repo.listCitations(db, consultationId),
  ]);
  // Counted against every summary's citations: the single voices are what no summary cites.
  const [counts, found] = await Promise.all([
    countsByTheme(db, actor, consultationId, [theme], citedByTheme(all)),
    findCodings(
      db,
      consultationId,
      own.map((x) => x.codingId),
    ),
  ]);
  const subtree = new Set(theme.subtree);
  const citationOf = (codingId: string): Citation => {
    const p = found.get(codingId);
    if (!p) return { codingId, removed: true, inTheme: false, passage: null };
    const { status: _status, ...passage } = p;
    return { codingId, removed: false, inTheme: subtree.has(p.tagId), passage };
  };
  const n = counts.get(theme.id) ?? NO_COUNTS;
  return {
    consultationId,
    tag: {
      id: theme.id,
      parentId: theme.parentId,
      name: theme.name,
      path: pathOf(tree, theme),
      archived: theme.archived,
    },
    id: s?.id ?? null,
    status: s?.status ?? 'draft',
    answer: s?.answer ?? null,
    answerReason: s?.answerReason ?? { da: '', en: '' },
    changeMade: s?.changeMade ?? { da: '', en: '' },
    version: s?.version ?? 0,
    writtenBy: s?.writerName ?? null,
    updatedAt: s?.updatedAt.toISOString() ?? null,
    sentences: sentences.map((x) => ({
      text: x.text,
      citations: own.filter((o) => o.position === x.position).map((o) => citationOf(o.codingId)),
    })),
    coverage: toCoverage(n),
  };
}

export async function getThemeSummary(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  tagId: string,
): Promise<ThemeSummary> {
  const c = await scope(db, actor, idOrSlug, 'read');
  const tree = await themeTree(db, c.id);
  return readSummary(db, actor, c.id, tree, themeOf(tree, tagId));
}

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

/**
 * One page of a theme's coded passages (its sub-tags' too), newest first, each marked when some
 * summary cites it; `uncitedOnly`: the theme's single voices, which no summary cites yet.
 */
export async function listPassages(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  tagId: string,
  q: PassageQuery,
  uncitedOnly: boolean,
): Promise<PassagePage> {
  const c = await scope(db, actor, idOrSlug, 'read');
  const theme = themeOf(await themeTree(db, c.id), tagId);
  const cited = [...new Set((await repo.listCitations(db, c.id)).map((x) => x.codingId))];
  return listThemePassages(db, actor, c.id, {
    tagIds: theme.subtree,
    cited,
    uncitedOnly,
    q: q.q || undefined,
    cursor: q.cursor,
    limit: q.limit,
  });
}
