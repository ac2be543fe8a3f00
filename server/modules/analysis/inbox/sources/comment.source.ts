import { notFound } from '../../../../shared/errors.ts';
import { commentKeysAfter, commentsForAnalysis, type CommentForAnalysis } from '../../../comments/comments.service.ts';
import type { ItemRow } from '../inbox.repository.ts';
import { excerptOf, MAX_DOC, type InboxSource } from './inbox-source.ts';

/** Comments on scenarios in the inbox: the body, on the scenario it was written on. */
function commentRow(c: CommentForAnalysis): ItemRow {
  const doc = c.body.slice(0, MAX_DOC);
  return {
    consultationId: c.consultationId,
    kind: 'comment',
    itemId: c.id,
    itemVersion: 1,
    receivedAt: c.createdAt.toISOString(),
    authorLabel: c.authorName,
    actingAs: null,
    invited: null,
    channel: null,
    sourceStatus: c.status,
    scenarioIds: [c.scenarioId],
    hasAttachments: false,
    excerpt: excerptOf(doc),
    doc,
    fallbackLanguage: 'danish',
    sourceStamp: `${c.status}|${c.editedAt?.toISOString() ?? ''}|${c.body.length}`,
  };
}

export const commentSource: InboxSource = {
  kind: 'comment',
  keysAfter: commentKeysAfter,
  rows: async (db, keys) => (await commentsForAnalysis(db, keys)).map(commentRow),
  detail: async (db, _actor, consultationId, itemId) => {
    const [row] = await commentsForAnalysis(db, [{ consultationId, id: itemId }]);
    if (!row) throw notFound('Comment');
    return {
      kind: 'comment',
      id: row.id,
      consultationId,
      version: 1,
      receivedAt: row.createdAt.toISOString(),
      editedAt: row.editedAt?.toISOString() ?? null,
      sourceStatus: row.status,
      author: {
        name: row.authorName,
        email: null,
        actingAs: null,
        organisationName: null,
        cvr: null,
        invited: null,
        channel: null,
      },
      scenarioIds: [row.scenarioId],
      texts: [{ field: 'body', label: null, text: row.body, codable: true }],
      choices: [],
      files: [],
      earlierVersions: [],
    };
  },
};
