import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { AgencyAnswer, Localized } from '../../../db/schema.ts';
import { displayNameOf } from '../../accounts/accounts.fragments.ts';

/** The theme_summaries, theme_summary_sentences and theme_summary_citations tables (issue 14 story 5). */

function summaryQuery(db: Db, consultationId: string) {
  return db
    .selectFrom('themeSummaries')
    .selectAll()
    .select(displayNameOf('themeSummaries.writtenBy').as('writerName'))
    .where('consultationId', '=', consultationId);
}
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

export async function listSummaries(db: Db, consultationId: string): Promise<SummaryRow[]> {
  return summaryQuery(db, consultationId).execute();
}

export async function findSummary(db: Db, consultationId: string, tagId: string): Promise<SummaryRow | undefined> {
  return summaryQuery(db, consultationId).where('tagId', '=', tagId).executeTakeFirst();
}

/** How many sentences each summary of a consultation has. */
export async function sentenceCounts(db: Db, consultationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('themeSummarySentences')
    .select(['summaryId', sql<number>`count(*)::int`.as('n')])
    .where('consultationId', '=', consultationId)
    .groupBy('summaryId')
    .execute();
  return new Map(rows.map((r) => [r.summaryId, Number(r.n)]));
}

export async function listSentences(db: Db, consultationId: string, summaryId: string) {
  return db
    .selectFrom('themeSummarySentences')
    .select(['position', 'text'])
    .where('consultationId', '=', consultationId)
    .where('summaryId', '=', summaryId)
    .orderBy('position')
    .execute();
}

/** Every citation of a consultation's summaries, with the theme (tag) of the summary that makes it. */
export async function listCitations(db: Db, consultationId: string, summaryId?: string) {
  let q = db
    .selectFrom('themeSummaryCitations as c')
    .innerJoin('themeSummaries as s', (j) =>
      j.onRef('s.id', '=', 'c.summaryId').onRef('s.consultationId', '=', 'c.consultationId'),
    )
    .select(['c.summaryId', 'c.position', 'c.codingId', 's.tagId'])
    .where('c.consultationId', '=', consultationId);
  if (summaryId) q = q.where('c.summaryId', '=', summaryId);
  return q.orderBy('c.summaryId').orderBy('c.position').orderBy('c.codingId').execute();
}

export type SummaryValues = {
  status: 'draft' | 'ready';
  answer: AgencyAnswer | null;
  answerReason: Localized;
  changeMade: Localized;
  writtenBy: string;
};

export async function insertSummary(db: Db, consultationId: string, tagId: string, v: SummaryValues) {
  const row = await db
    .insertInto('themeSummaries')
    .values({
      consultationId,
      tagId,
      status: v.status,
      answer: v.answer,
      answerReason: JSON.stringify(v.answerReason),
      changeMade: JSON.stringify(v.changeMade),
      writtenBy: v.writtenBy,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return row;
}

/** Saves a summary if it is still at `version` (optimistic concurrency); undefined when it is not. */
export async function updateSummary(db: Db, consultationId: string, id: string, version: number, v: SummaryValues) {
  return db
    .updateTable('themeSummaries')
    .set({
      status: v.status,
      answer: v.answer,
      answerReason: JSON.stringify(v.answerReason),
      changeMade: JSON.stringify(v.changeMade),
      writtenBy: v.writtenBy,
      version: sql<number>`version + 1`,
      updatedAt: sql<Date>`now()`,
    })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

/** Replaces a summary's sentences and their citations (the citations go with their sentences). */
export async function replaceSentences(
  db: Db,
  consultationId: string,
  summaryId: string,
  sentences: readonly { text: Localized; codingIds: readonly string[] }[],
) {
  await db
    .deleteFrom('themeSummaryCitations')
    .where('consultationId', '=', consultationId)
    .where('summaryId', '=', summaryId)
    .execute();
  await db
    .deleteFrom('themeSummarySentences')
    .where('consultationId', '=', consultationId)
    .where('summaryId', '=', summaryId)
    .execute();
  if (sentences.length === 0) return;
  await db
    .insertInto('themeSummarySentences')
    .values(sentences.map((s, position) => ({ consultationId, summaryId, position, text: JSON.stringify(s.text) })))
    .execute();
  const citations = sentences.flatMap((s, position) =>
    s.codingIds.map((codingId) => ({ consultationId, summaryId, position, codingId })),
  );
  if (citations.length > 0) await db.insertInto('themeSummaryCitations').values(citations).execute();
}

/** Every sentence of a consultation's summaries, in order. */
export async function listAllSentences(db: Db, consultationId: string) {
  return db
    .selectFrom('themeSummarySentences')
    .select(['summaryId', 'position', 'text'])
    .where('consultationId', '=', consultationId)
    .orderBy('summaryId')
    .orderBy('position')
    .execute();
}
