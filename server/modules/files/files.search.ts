import type { RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import * as repo from './files.repository.ts';
import { markedSnippetHtml } from './files.rules.ts';

/** Search over the extracted text of attachments, for the responses module (re-exported by files.service.ts). */

/**
 * A boolean SQL expression, true when an attachment of the response row aliased `alias` (it must
 * expose `consultation_id` and `id`) matches the search `q`, each text only in its own language
 * (issue #10 item 10). Uses the GIN index.
 */
export const attachmentTextMatch = (
  alias: string,
  q: string,
  keep?: (attachmentIdRef: string) => RawBuilder<boolean>,
) => repo.attachmentTextMatch(alias, q, keep);

export type AttachmentHeadline = { attachmentId: string; filename: string; snippetHtml: string };

/**
 * Highlighted fragments of the matching attachments of some responses (`ts_headline` over the first
 * 100,000 characters, cleaned to be readable), as HTML that is safe to insert: the text is escaped and only `<mark>` is added.
 */
export async function attachmentHeadlines(
  db: Db,
  v: {
    consultationId: string;
    responseIds: readonly string[];
    q: string;
  },
): Promise<Map<string, AttachmentHeadline[]>> {
  const rows = await repo.headlines(db, { ...v, maxChars: 100_000 });
  const out = new Map<string, AttachmentHeadline[]>();
  for (const r of rows) {
    // A fragment that marks nothing (the hit lies past the first 100,000 characters) is no highlight.
    if (!r.snippet.includes('\u0002')) continue;
    const list = out.get(r.responseId!) ?? [];
    list.push({ attachmentId: r.id, filename: r.filename, snippetHtml: markedSnippetHtml(r.snippet) });
    out.set(r.responseId!, list);
  }
  return out;
}
