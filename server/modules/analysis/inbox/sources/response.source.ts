import { AppError, notFound } from '../../../../shared/errors.ts';
import { attachmentTexts } from '../../../files/files.service.ts';
import { listQuestions } from '../../../questions/questions.service.ts';
import { getStaffResponse } from '../../../responses/publication/publication.service.ts';
import {
  earlierResponseVersions,
  responseKeysAfter,
  responsesForAnalysis,
  type ResponseForAnalysis,
} from '../../../responses/responses.service.ts';
import type { ItemRow } from '../inbox.repository.ts';
import type { InboxItemDetail } from '../inbox.schemas.ts';
import { excerptOf, MAX_DOC, type InboxSource } from './inbox-source.ts';

/** Hearing responses in the inbox: the body and the free-text answers; files through their own index. */
function responseRow(r: ResponseForAnalysis): ItemRow {
  const doc = [r.body, r.answersText]
    .filter((t) => t.trim() !== '')
    .join('\n\n')
    .slice(0, MAX_DOC);
  return {
    consultationId: r.consultationId,
    kind: 'response',
    itemId: r.id,
    itemVersion: r.version,
    receivedAt: r.submittedAt.toISOString(),
    authorLabel: r.organisationName ? `${r.organisationName} (${r.respondentName})` : r.respondentName,
    actingAs: r.actingAs,
    invited: r.invited,
    channel: r.channel,
    sourceStatus: r.status,
    scenarioIds: r.scenarioIds,
    hasAttachments: r.attachmentCount > 0,
    excerpt: excerptOf(doc),
    doc,
    fallbackLanguage: r.locale === 'en' ? 'english' : 'danish',
    sourceStamp: `${r.version}|${r.status}|${r.invited}|${r.attachmentCount}`,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const responseSource: InboxSource = {
  kind: 'response',
  keysAfter: responseKeysAfter,
  rows: async (db, keys) => (await responsesForAnalysis(db, keys)).map(responseRow),
  detail: async (db, actor, consultationId, itemId) => {
    const r = await getStaffResponse(db, actor, itemId).catch((err: unknown) => {
      if (err instanceof AppError && err.statusCode === 404) throw notFound('Response');
      throw err;
    });
    if (r.consultationId !== consultationId) throw notFound('Response');
    const [questions, files, versions] = await Promise.all([
      listQuestions(db, actor, consultationId),
      attachmentTexts(db, consultationId, r.id),
      earlierResponseVersions(db, consultationId, r.id, r.version),
    ]);
    const textQuestions = questions.filter((q) => q.kind === 'text');
    const earlierVersions = versions.map((v) => {
      const answer = new Map(v.answers.map((a) => [a.questionId, a.value]));
      const vTexts: InboxItemDetail['earlierVersions'][number]['texts'] = [
        { field: 'body', label: null, text: v.body },
      ];
      for (const q of textQuestions) {
        const value = answer.get(q.id);
        if (typeof value === 'string') vTexts.push({ field: `answer:${q.id}`, label: q.prompt, text: value });
      }
      return { version: v.version, savedAt: v.savedAt.toISOString(), texts: vTexts };
    });
    const answerOf = new Map(r.answers.map((a) => [a.questionId, a.value]));
    const texts: InboxItemDetail['texts'] = [{ field: 'body', label: null, text: r.body, codable: true }];
    const choices: InboxItemDetail['choices'] = [];
    for (const q of questions) {
      if (!answerOf.has(q.id)) continue;
      const value = answerOf.get(q.id);
      if (q.kind === 'text' && typeof value === 'string') {
        texts.push({ field: `answer:${q.id}`, label: q.prompt, text: value, codable: true });
      } else {
        choices.push({ questionId: q.id, prompt: q.prompt, kind: q.kind, value });
      }
    }
    for (const f of files) {
      if (f.text.trim() !== '') {
        texts.push({
          field: `attachment:${f.id}`,
          label: { da: f.filename, en: f.filename },
          text: f.text,
          codable: false,
        });
      }
    }
    const extraction = new Map(files.map((f) => [f.id, f.extraction]));
    return {
      kind: 'response',
      id: r.id,
      consultationId,
      version: r.version,
      receivedAt: r.submittedAt,
      editedAt: r.editedAt,
      sourceStatus: r.status,
      author: {
        name: r.respondent.name,
        email: r.respondent.email,
        actingAs: r.respondent.actingAs,
        organisationName: r.respondent.organisationName,
        cvr: r.respondent.cvr,
        invited: r.invited,
        channel: r.channel,
      },
      scenarioIds: [...new Set(r.answers.flatMap((a) => (isRecord(a.value) ? Object.keys(a.value) : [])))].filter((k) =>
        UUID.test(k),
      ),
      texts,
      choices,
      files: r.attachments.map((a) => ({ ...a, extraction: extraction.get(a.id) ?? 'pending' })),
      earlierVersions,
    };
  },
};
