import type { Db } from '../../../db/database.ts';
import type { CodingItemKind, Localized, Stance } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import { pageOf, readCursor } from '../../../shared/cursor.ts';
import { visibleCodingsFor } from '../agreement/agreement.fragments.ts';
import { listTags } from '../codebook/codebook.repository.ts';
import { descendantsOf, treeOrder } from '../codebook/codebook.rules.ts';
import * as repo from './coverage.repository.ts';

/**
 * The analysis module's answers for theme summaries (issue 14 story 5, reports module): the codebook
 * as a tree of themes, the coded input under each theme (a tag and its sub-tags), and the passages a
 * summary may cite. The caller has checked the workspace (`requireWorkspace`); these take the
 * consultation's id. The actor is passed on so a blind coder's hidden codings stay hidden.
 */

export type ThemeNode = {
  id: string;
  parentId: string | null;
  name: Localized;
  depth: number;
  archived: boolean;
  /** The tag and every tag under it (archived ones too: their codings are still coded input). */
  subtree: string[];
};

/** Every tag of the consultation depth-first (siblings by position), each with its subtree. */
export async function themeTree(db: Db, consultationId: string): Promise<ThemeNode[]> {
  const rows = await listTags(db, consultationId, { archived: true });
  return treeOrder(rows).map((r) => ({
    id: r.id,
    parentId: r.parentId,
    name: r.name,
    depth: r.depth,
    archived: r.archivedAt !== null,
    subtree: [r.id, ...descendantsOf(rows, r.id)],
  }));
}

export type ThemeCounts = {
  passages: number;
  items: number;
  citedPassages: number;
  citedItems: number;
  uncited: number;
};
export const NO_COUNTS: ThemeCounts = { passages: 0, items: 0, citedPassages: 0, citedItems: 0, uncited: 0 };

/**
 * Per theme of `themes`: its confirmed coded passages and distinct items (sub-tags included), how
 * many its own summary cites (`own`: the codings each theme's summary cites), and how many no
 * summary cites. One statement over the consultation's codings.
 */
export async function countsByTheme(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  themes: readonly ThemeNode[],
  own: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, ThemeCounts>> {
  const closure = themes.flatMap((t) => t.subtree.map((tagId) => ({ ancestorId: t.id, tagId })));
  const pairs = [...own].flatMap(([tagId, ids]) => [...new Set(ids)].map((codingId) => ({ tagId, codingId })));
  const anyCited = [...new Set(pairs.map((p) => p.codingId))];
  const rows = await repo.subtreeCounts(db, consultationId, closure, pairs, anyCited, visibleCodingsFor(actor));
  return new Map(rows.map(({ tagId, ...counts }) => [tagId, counts]));
}

export type Passage = {
  codingId: string;
  tagId: string;
  tagName: Localized;
  itemKind: CodingItemKind;
  itemId: string;
  field: string | null;
  quote: string | null;
  stance: Stance | null;
  /** The item as the inbox lists it: who sent it, when, and the start of its text. */
  source: { label: string; receivedAt: string | null; excerpt: string };
};

function toPassage(r: repo.PassageRow | repo.CitedCodingRow): Passage {
  return {
    codingId: r.id,
    tagId: r.tagId,
    tagName: r.tagName,
    itemKind: r.itemKind,
    itemId: r.itemId,
    field: r.field,
    quote: r.quote,
    stance: r.stance,
    source: {
      label: r.authorLabel ?? '',
      receivedAt: r.receivedAt ? new Date(r.receivedAt).toISOString() : null,
      excerpt: r.excerpt ?? '',
    },
  };
}

/**
 * One page of the confirmed coded passages of a theme (`tagIds`: its subtree), newest first; with
 * `uncitedOnly` only those no summary cites (`cited`), the theme's "single voices".
 */
export async function listThemePassages(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  q: {
    tagIds: readonly string[];
    cited: readonly string[];
    uncitedOnly: boolean;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: (Passage & { cited: boolean })[]; nextCursor: string | null }> {
  const rows = await repo.listSubtreeCodings(db, {
    consultationId,
    tagIds: q.tagIds,
    cited: q.cited,
    uncitedOnly: q.uncitedOnly,
    q: q.q,
    before: readCursor(q.cursor, 'timestamp'),
    limit: q.limit,
    visible: visibleCodingsFor(actor),
  });
  const page = pageOf(rows, q.limit, (last) => [last.cursorAt, last.id]);
  return { items: page.rows.map((r) => ({ ...toPassage(r), cited: Boolean(r.cited) })), nextCursor: page.nextCursor };
}

/** The codings of a consultation among `ids`, by id, with their status (a missing id was deleted, or is not this consultation's). */
export async function findCodings(
  db: Db,
  consultationId: string,
  ids: readonly string[],
): Promise<Map<string, Passage & { status: 'confirmed' | 'proposed' }>> {
  const rows = await repo.codingsByIds(db, consultationId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { ...toPassage(r), status: r.status }]));
}
