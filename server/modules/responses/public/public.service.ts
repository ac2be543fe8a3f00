import type { Db } from '../../../db/database.ts';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Actor } from '../../../shared/actor.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { attachmentHeadlines, listAttachments } from '../../files/files.service.ts';
import { listPublished, responseHeadlines, searchQuery } from '../listing.repository.ts';
import { toPublicItem } from '../responses.mapping.ts';
import * as repo from '../responses.repository.ts';
import type { PublicQuery, PublicResponse } from '../public.schemas.ts';
import { keysetCursor, parseKeyset } from '../publication/publication.service.ts';
import type { ResponsesContext } from '../responses.context.ts';

/** The published responses of a consultation, for anyone (issue 4, story 6; DESIGN.md §4 C2). */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Escapes the fragment as text, then turns only ts_headline's U+0002/U+0003 markers into <mark>. */
export const markHits = (snippet: string): string =>
  escapeHtml(snippet).replaceAll('\u0002', '<mark>').replaceAll('\u0003', '</mark>');

async function highlights(db: Db, consultationId: string, ids: string[], q: string) {
  const out = new Map<string, NonNullable<PublicResponse['highlight']>>();
  for (const h of await responseHeadlines(db, consultationId, ids, q)) {
    out.set(h.id, { source: 'response', attachmentId: null, html: markHits(h.snippet) });
  }
  const rest = ids.filter((id) => !out.has(id));
  if (rest.length > 0) {
    const files = await attachmentHeadlines(db, {
      consultationId,
      responseIds: rest,
      tsquery: searchQuery(q),
      config: 'danish',
    });
    for (const [responseId, list] of files) {
      const first = list[0];
      if (first)
        out.set(responseId, { source: 'attachment', attachmentId: first.attachmentId, html: first.snippetHtml });
    }
  }
  return out;
}

export async function listPublicResponses(
  ctx: ResponsesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  q: PublicQuery,
) {
  const c = await requireReadableConsultation(ctx.db, actor, consultationIdOrSlug);
  const search = q.q && q.q !== '' ? q.q : undefined;
  const relevance = q.sort === 'relevance' && !!search;
  const rows = await listPublished(ctx.db, {
    consultationId: c.id,
    q: search,
    actingAs: q.actingAs,
    invited: q.invited,
    scenarioId: q.scenario,
    from: q.from,
    to: q.to,
    after: relevance ? undefined : parseKeyset(q.cursor),
    afterRank: relevance ? parseRankCursor(q.cursor) : undefined,
    order: relevance ? 'relevance' : q.sort === 'oldest' ? 'oldest' : 'newest',
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const [answers, files, marks] = await Promise.all([
    repo.listAnswers(ctx.db, c.id, ids),
    listAttachments(ctx.db, c.id, ids),
    search
      ? highlights(ctx.db, c.id, ids, search)
      : Promise.resolve(new Map<string, NonNullable<PublicResponse['highlight']>>()),
  ]);
  return {
    items: page.map((r) => toPublicItem(r, answers.get(r.id), files.get(r.id), marks.get(r.id) ?? null)),
    nextCursor: relevance
      ? rankCursor(page.at(-1), rows.length > q.limit)
      : keysetCursor(page.at(-1), rows.length > q.limit),
  };
}

// The relevance order pages by (rank, id); its cursor says so, so it is never read as a date's.
const rankCursor = (last: { rank: number | null; id: string } | undefined, more: boolean): string | null =>
  more && last ? encodeCursor(['rank', last.rank ?? 0, last.id]) : null;

function parseRankCursor(cursor: string | undefined): { rank: number; id: string } | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  const [tag, rank, id] = c ?? [];
  if (
    !c ||
    c.length !== 3 ||
    tag !== 'rank' ||
    typeof rank !== 'number' ||
    !Number.isFinite(rank) ||
    rank < 0 ||
    typeof id !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
  )
    throw new AppError('BAD_REQUEST', 'Invalid cursor');
  return { rank, id };
}

/** For the files module: a published response's attachments may be downloaded by anyone. */
export const isResponsePublished = (db: Db, consultationId: string, responseId: string): Promise<boolean> =>
  repo.isPublished(db, consultationId, responseId);
