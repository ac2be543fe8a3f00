import type { Db } from '../../../db/database.ts';
import type { CodingItemKind } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import { notFound } from '../../../shared/errors.ts';
import { commentText } from '../../comments/comments.service.ts';
import { listQuestions } from '../../questions/questions.service.ts';
import { getStaffResponse } from '../../responses/publication/publication.service.ts';
import { sourceOf } from '../inbox/inbox.sources.ts';

/**
 * The items a coding can be on, read through their owners' services (each table has one owner):
 * which texts an item has, and the stored text of each, so a passage is checked against it.
 */
export type FieldText = { found: false } | { found: true; text: string | null };
export type CodableItem = {
  kind: CodingItemKind;
  id: string;
  consultationId: string;
  /** The response's version now; null for items without versions. */
  version: number | null;
  field: (field: string) => FieldText;
};

const missing: FieldText = { found: false };

async function responseItem(db: Db, actor: Actor | null, id: string): Promise<CodableItem> {
  const r = await getStaffResponse(db, actor, id);
  // Only a free-text answer is a text; a choice's stored value is an option id, a scale's a number.
  const textQuestions = new Set(
    (await listQuestions(db, actor, r.consultationId)).filter((q) => q.kind === 'text').map((q) => q.id),
  );
  return {
    kind: 'response',
    id,
    consultationId: r.consultationId,
    version: r.version,
    field: (field) => {
      if (field === 'body') return { found: true, text: r.body };
      const [kind, ref] = field.split(':');
      if (kind === 'answer') {
        const answer = r.answers.find((a) => a.questionId === ref);
        if (!answer) return missing;
        const text = textQuestions.has(answer.questionId) && typeof answer.value === 'string' ? answer.value : null;
        return { found: true, text };
      }
      // An attachment is coded whole for now: its extracted text is the files module's to read.
      if (kind === 'attachment') return r.attachments.some((a) => a.id === ref) ? { found: true, text: null } : missing;
      return missing;
    },
  };
}

async function commentItem(db: Db, id: string): Promise<CodableItem> {
  const c = await commentText(db, id);
  if (!c) throw notFound('Comment');
  return {
    kind: 'comment',
    id,
    consultationId: c.consultationId,
    version: null,
    field: (field) => (field === 'body' ? { found: true, text: c.body } : missing),
  };
}

/**
 * A further kind of input (a user-test finding, a stakeholder input), read through the inbox's
 * source for it: its texts as the item view names them; those marked not codable are coded whole.
 */
async function sourceItem(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  kind: CodingItemKind,
  id: string,
): Promise<CodableItem> {
  const d = await sourceOf(kind).detail(db, actor, consultationId, id);
  return {
    kind,
    id,
    consultationId: d.consultationId,
    version: null,
    field: (field) => {
      const t = d.texts.find((x) => x.field === field);
      return t ? { found: true, text: t.codable ? t.text : null } : missing;
    },
  };
}

/** The item in the consultation, or 404 (also when it belongs to another consultation). */
export async function loadItem(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  kind: CodingItemKind,
  id: string,
): Promise<CodableItem> {
  let item: CodableItem;
  switch (kind) {
    case 'response':
      item = await responseItem(db, actor, id);
      break;
    case 'comment':
      item = await commentItem(db, id);
      break;
    case 'finding':
    case 'stakeholder_input':
      item = await sourceItem(db, actor, consultationId, kind, id);
      break;
  }
  if (item.consultationId !== consultationId) throw notFound(kind === 'response' ? 'Response' : 'Comment');
  return item;
}
