import type { Db } from '../../../db/database.ts';
import type { AgencyAnswer, Localized } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import { forbidden, notFound } from '../../../shared/errors.ts';
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
import { canSummaries, type SummaryAction } from './summaries.policy.ts';
import * as repo from './summaries.repository.ts';
import { coveragePercent } from './summaries.rules.ts';
import type {
  Citation,
  Coverage,
  PassagePage,
  PassageQuery,
  ThemeSummary,
  ThemeSummaryList,
} from './summaries.schemas.ts';

/**
 * Theme summaries and the agency's answers (issue 14 story 5): per codebook theme, sentences that
 * cite the coded passages they rest on, the answer and the change it led to; how much of the theme's
 * coded input the summary cites, and the "single voices" no summary cites yet. Codings are the
 * analysis module's: read through its coverage service.
 */

export async function scope(db: Db, actor: Actor | null, idOrSlug: string, action: SummaryAction) {
  if (!canSummaries(actor, action)) throw forbidden();
  return requireWorkspace(db, actor, idOrSlug, action === 'write' ? 'code' : 'read');
}

export function themeOf(tree: readonly ThemeNode[], tagId: string): ThemeNode {
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

export async function readSummary(
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

export type SummaryForReport = {
  id: string;
  tagId: string;
  status: 'draft' | 'ready';
  answer: AgencyAnswer | null;
  answerReason: Localized;
  changeMade: Localized;
  version: number;
  sentences: { text: Localized; codingIds: string[] }[];
};

/**
 * For the høringsnotat (issue 14 story 6): every summary of a consultation, by its theme's tag, with
 * its sentences and the codings each cites (a deleted coding's id stays: the report leaves it out).
 * The caller has checked the actor's access to the consultation.
 */
export async function summariesForReport(db: Db, consultationId: string): Promise<Map<string, SummaryForReport>> {
  const [summaries, sentences, citations] = await Promise.all([
    repo.listSummaries(db, consultationId),
    repo.listAllSentences(db, consultationId),
    repo.listCitations(db, consultationId),
  ]);
  const cites = new Map<string, string[]>();
  for (const c of citations) {
    const key = `${c.summaryId}:${c.position}`;
    cites.set(key, [...(cites.get(key) ?? []), c.codingId]);
  }
  return new Map(
    summaries.map((s) => [
      s.tagId,
      {
        id: s.id,
        tagId: s.tagId,
        status: s.status,
        answer: s.answer,
        answerReason: s.answerReason,
        changeMade: s.changeMade,
        version: s.version,
        sentences: sentences
          .filter((x) => x.summaryId === s.id)
          .map((x) => ({ text: x.text, codingIds: cites.get(`${s.id}:${x.position}`) ?? [] })),
      },
    ]),
  );
}
