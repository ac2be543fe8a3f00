import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { attachmentCountOf } from '../files/files.fragments.ts';
import { questionIsOfKind, questionPositionOf } from '../questions/questions.fragments.ts';

/**
 * What the analysis inbox indexes of a response (issue 11 story 1): everything staff may read,
 * published or not: the body, the free-text answers in questionnaire order, how many files it has
 * (their text is searched through the files module's own index), the scenarios its ratings name,
 * and who answered.
 */
export type ResponseForAnalysis = {
  consultationId: string;
  id: string;
  version: number;
  status: 'submitted' | 'withdrawn';
  submittedAt: Date;
  respondentName: string;
  organisationName: string | null;
  actingAs: string;
  invited: boolean;
  channel: string;
  locale: 'da' | 'en';
  body: string;
  answersText: string;
  attachmentCount: number;
  scenarioIds: string[];
};

export type ItemKey = { consultationId: string; id: string };

export async function responsesForAnalysis(db: Db, keys: readonly ItemKey[]): Promise<ResponseForAnalysis[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('responses as r')
    .select([
      'r.consultationId',
      'r.id',
      'r.version',
      'r.status',
      'r.submittedAt',
      'r.respondentName',
      'r.organisationName',
      'r.actingAs',
      'r.invited',
      'r.channel',
      'r.locale',
      'r.body',
      sql<string>`coalesce((select string_agg(a.value #>> '{}', E'\n\n' order by ${questionPositionOf('a.consultationId', 'a.questionId')})
                   from answers a
                  where a.consultation_id = r.consultation_id and a.response_id = r.id
                    and jsonb_typeof(a.value) = 'string'
                    and ${questionIsOfKind('a.consultationId', 'a.questionId', 'text')}), '')`.as('answersText'),
      attachmentCountOf('r.consultationId', 'r.id').as('attachmentCount'),
      sql<string[]>`coalesce((select array_agg(distinct k.key::uuid)
                   from answers a cross join lateral jsonb_object_keys(a.value) k(key)
                  where a.consultation_id = r.consultation_id and a.response_id = r.id
                    and jsonb_typeof(a.value) = 'object' and k.key ~ '^[0-9a-f-]{36}$'
                    and ${questionIsOfKind('a.consultationId', 'a.questionId', 'scenario_scale')}), '{}'::uuid[])`.as(
        'scenarioIds',
      ),
    ])
    .where(
      sql<boolean>`(r.consultation_id, r.id) in (select * from unnest(${sql.val(keys.map((k) => k.consultationId))}::uuid[], ${sql.val(keys.map((k) => k.id))}::uuid[]))`,
    )
    .execute();
}

/** Every response's key, in key order from `after`: the inbox's first run walks them all. */
export async function responseKeysAfter(db: Db, after: ItemKey | null, limit: number): Promise<ItemKey[]> {
  let q = db.selectFrom('responses').select(['consultationId', 'id']);
  if (after) q = q.where(sql<boolean>`(consultation_id, id) > (${after.consultationId}::uuid, ${after.id}::uuid)`);
  return q.orderBy('consultationId').orderBy('id').limit(limit).execute();
}

/** A response's version as it was saved: its body and answers (staff only; issue 11 story 2). */
export type ResponseVersionForAnalysis = {
  version: number;
  savedAt: Date;
  body: string;
  answers: { questionId: string; value: unknown }[];
};

/** The response's versions before `below`, newest first (the current one is the response itself). */
export async function earlierVersions(
  db: Db,
  consultationId: string,
  responseId: string,
  below: number,
): Promise<ResponseVersionForAnalysis[]> {
  const rows = await db
    .selectFrom('responseVersions')
    .select(['version', 'createdAt', 'snapshot'])
    .where('consultationId', '=', consultationId)
    .where('responseId', '=', responseId)
    .where('version', '<', below)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => {
    const s = (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as {
      body?: unknown;
      answers?: unknown;
    };
    const answers = Array.isArray(s.answers)
      ? s.answers.filter(
          (a): a is { questionId: string; value: unknown } =>
            typeof a === 'object' && a !== null && typeof (a as { questionId?: unknown }).questionId === 'string',
        )
      : [];
    return { version: r.version, savedAt: r.createdAt, body: typeof s.body === 'string' ? s.body : '', answers };
  });
}

/** What the personal-data scanner reads of a response (issue 12 story 2): each text field apart, and who wrote it. */
export type ResponseForPrivacy = {
  consultationId: string;
  id: string;
  version: number;
  status: 'submitted' | 'withdrawn';
  consent: 'public_named' | 'public_anonymous' | 'not_public';
  respondentName: string;
  respondentEmail: string | null;
  body: string;
  answers: { questionId: string; text: string }[];
};

export async function responsesForPrivacy(db: Db, keys: readonly ItemKey[]): Promise<ResponseForPrivacy[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('responses as r')
    .select([
      'r.consultationId',
      'r.id',
      'r.version',
      'r.status',
      'r.consent',
      'r.respondentName',
      'r.respondentEmail',
      'r.body',
      sql<
        { questionId: string; text: string }[]
      >`coalesce((select jsonb_agg(jsonb_build_object('questionId', a.question_id, 'text', a.value #>> '{}'))
                   from answers a
                  where a.consultation_id = r.consultation_id and a.response_id = r.id
                    and jsonb_typeof(a.value) = 'string'
                    and ${questionIsOfKind('a.consultationId', 'a.questionId', 'text')}), '[]'::jsonb)`.as('answers'),
    ])
    .where(
      sql<boolean>`(r.consultation_id, r.id) in (select * from unnest(${sql.val(keys.map((k) => k.consultationId))}::uuid[], ${sql.val(keys.map((k) => k.id))}::uuid[]))`,
    )
    .execute();
}

/**
 * Makes a published response's search index again (its redactions changed): the approval trigger
 * fires on an update of publication_status and reads the redacted text (migration 20261208010000).
 */
export async function reindexPublished(db: Db, consultationId: string, responseId: string): Promise<void> {
  await sql`update responses set publication_status = publication_status
             where consultation_id = ${consultationId} and id = ${responseId} and publication_status = 'approved'`.execute(
    db,
  );
}
