import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Localized, QuestionKind, QuestionOption } from '../../db/schema.ts';
import type { Phase } from '../consultations/consultations.rules.ts';
import { consultationOf, participationWindow } from '../consultations/consultations.fragments.ts';

export async function listQuestions(db: Db, consultationId: string) {
  return db
    .selectFrom('questions')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .orderBy('position')
    .orderBy('createdAt')
    .execute();
}

export async function findQuestion(db: Db, id: string) {
  return db
    .selectFrom('questions')
    .selectAll('questions')
    .select(consultationOf.phase('questions.consultationId').as('consultationPhase'))
    .where('questions.id', '=', id)
    .executeTakeFirst();
}

/**
 * Serialises shape changes with submissions: a submission holds the shared half of this
 * per-consultation advisory lock from the moment it reads the questionnaire until it commits (see
 * readQuestionnaire), which this exclusive half waits for, and vice versa. So "responses exist?" is
 * answered after every in-flight submission has committed or gone. The caller then changes the
 * consultation's stamp (consultations.service touchConsultation), so a submission checked against the
 * questionnaire as it was is refused as stale by its guard (migration 20261125110000).
 */
export async function lockQuestionnaire(db: Db, consultationId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${consultationId}::text, 0))`.execute(db);
}

export async function nextPosition(db: Db, consultationId: string): Promise<number> {
  const r = await db
    .selectFrom('questions')
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'))
    .where('consultationId', '=', consultationId)
    .executeTakeFirstOrThrow();
  return r.next;
}

export async function insertQuestion(
  db: Db,
  v: {
    consultationId: string;
    position: number;
    kind: QuestionKind;
    required: boolean;
    prompt: Localized;
    help: Localized;
    options: QuestionOption[];
  },
) {
  return db
    .insertInto('questions')
    .values({
      ...v,
      prompt: JSON.stringify(v.prompt),
      help: JSON.stringify(v.help),
      options: JSON.stringify(v.options),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateQuestion(
  db: Db,
  consultationId: string,
  id: string,
  v: { kind: QuestionKind; required: boolean; prompt: Localized; help: Localized; options: QuestionOption[] },
) {
  await db
    .updateTable('questions')
    .set({
      kind: v.kind,
      required: v.required,
      prompt: JSON.stringify(v.prompt),
      help: JSON.stringify(v.help),
      options: JSON.stringify(v.options),
      updatedAt: sql<Date>`now()`,
    })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function deleteQuestion(db: Db, consultationId: string, id: string) {
  await db.deleteFrom('questions').where('consultationId', '=', consultationId).where('id', '=', id).execute();
}

/** Rewrites positions in one statement, so a concurrent reader never sees a half-done order. */
export async function setPositions(db: Db, consultationId: string, ids: readonly string[]) {
  await sql`
    update questions q set position = o.ord - 1, updated_at = now()
    from unnest(${sql.val([...ids])}::uuid[]) with ordinality as o(id, ord)
    where q.id = o.id and q.consultation_id = ${consultationId}`.execute(db);
}

/**
 * The consultation's participation window, its stamp (samraad_consultation_stamp) and its
 * questionnaire in one statement, so the three agree. With `lock`, it also takes the shared half of
 * the per-consultation advisory lock until the caller's transaction ends (see lockQuestionnaire): an
 * advisory lock, not `FOR KEY SHARE` on the consultation row, because row share locks taken by many
 * concurrent submissions build MultiXacts on one hot row and serialised them (measured: 7× slower).
 * Without it, the submission path caches the result and its statement's guard re-checks the stamp
 * under the lock (migration 20261125110000).
 */
export async function readQuestionnaire(db: Db, consultationId: string, opts: { lock: boolean }) {
  const lock = opts.lock
    ? sql`cross join (select pg_advisory_xact_lock_shared(hashtextextended(${consultationId}::text, 0))) shared_lock`
    : sql``;
  const r = await sql<{
    phase: Phase;
    opensAt: Date | null;
    closesAt: Date | null;
    stamp: string;
    id: string | null;
    position: number | null;
    kind: QuestionKind | null;
    required: boolean | null;
    prompt: Localized | null;
    help: Localized | null;
    options: QuestionOption[] | null;
  }>`
    select w.phase, w.opens_at, w.closes_at, w.stamp,
           q.id, q.position, q.kind, q.required, q.prompt, q.help, q.options
    from ${participationWindow(consultationId)} w
    ${lock}
    left join questions q on q.consultation_id = w.id
    order by q.position, q.created_at`.execute(db);
  return r.rows;
}
