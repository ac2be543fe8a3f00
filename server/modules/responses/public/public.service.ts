import type { Db } from '../../../db/database.ts';
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
  const rows = await listPublished(ctx.db, {
    consultationId: c.id,
    q: search,
    actingAs: q.actingAs,
    invited: q.invited,
    after: parseKeyset(q.cursor),
    order: 'newest',
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
    nextCursor: keysetCursor(page.at(-1), rows.length > q.limit),
  };
}

/** For the files module: a published response's attachments may be downloaded by anyone. */
export const isResponsePublished = (db: Db, consultationId: string, responseId: string): Promise<boolean> =>
  repo.isPublished(db, consultationId, responseId);
