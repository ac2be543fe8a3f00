import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { StakeholderParty } from '../../db/schema.ts';
import type { Keyset } from '../../shared/cursor.ts';

/** All Kysely of the stakeholder-inputs module: stakeholder_inputs and stakeholder_input_files. */

const INPUT_COLUMNS = [
  'i.consultationId',
  'i.id',
  'i.kind',
  'i.title',
  'i.parties',
  'i.scenarioIds',
  'i.minutes',
  'i.visibility',
  'i.version',
  'i.createdBy',
  'i.createdAt',
  'i.updatedAt',
  'i.publishedAt',
  'i.deletedAt',
] as const;

// A date as its calendar day (pg would make a local-time Date of it).
const heldOn = sql<string>`to_char(i.held_on, 'YYYY-MM-DD')`.as('heldOn');

export type InputRow = {
  consultationId: string;
  id: string;
  kind: 'meeting' | 'written_input' | 'market_dialogue';
  title: string;
  heldOn: string;
  parties: StakeholderParty[];
  scenarioIds: string[];
  minutes: string;
  visibility: 'staff_only' | 'published';
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  deletedAt: Date | null;
};

export type InputValues = {
  kind: InputRow['kind'];
  title: string;
  heldOn: string;
  parties: StakeholderParty[];
  scenarioIds: string[];
  minutes: string;
  visibility: InputRow['visibility'];
};

const selectInputs = (db: Db) => db.selectFrom('stakeholderInputs as i').select([...INPUT_COLUMNS, heldOn]);

export async function insertInput(
  db: Db,
  v: InputValues & { consultationId: string; createdBy: string },
): Promise<InputRow> {
  const { id } = await db
    .insertInto('stakeholderInputs')
    .values({
      ...v,
      parties: JSON.stringify(v.parties),
      createdBy: v.createdBy,
      updatedBy: v.createdBy,
      publishedAt: v.visibility === 'published' ? sql<Date>`now()` : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findInput(db, v.consultationId, id))!;
}

/** An input of the consultation, deleted ones too (the caller decides), optionally locked for an update. */
export async function findInput(
  db: Db,
  consultationId: string,
  id: string,
  lock = false,
): Promise<InputRow | undefined> {
  let q = selectInputs(db).where('i.consultationId', '=', consultationId).where('i.id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst() as Promise<InputRow | undefined>;
}

/** Applies the change and counts a new version; the caller holds the row's lock. */
export async function updateInput(
  db: Db,
  key: { consultationId: string; id: string },
  patch: Partial<InputValues>,
  by: string,
): Promise<void> {
  const { parties, visibility, ...rest } = patch;
  await db
    .updateTable('stakeholderInputs')
    .set({
      ...rest,
      ...(parties ? { parties: JSON.stringify(parties) } : {}),
      ...(visibility ? { visibility } : {}),
      // The first publication's time is kept; withdrawing it clears it.
      ...(visibility === 'published'
        ? { publishedAt: sql<Date>`coalesce(published_at, now())` }
        : visibility === 'staff_only'
          ? { publishedAt: null }
          : {}),
      version: sql<number>`version + 1`,
      updatedBy: by,
      updatedAt: sql<Date>`now()`,
    })
    .where('consultationId', '=', key.consultationId)
    .where('id', '=', key.id)
    .execute();
}

export async function markDeleted(db: Db, key: { consultationId: string; id: string }, by: string): Promise<void> {
  await db
    .updateTable('stakeholderInputs')
    .set({ deletedAt: sql<Date>`now()`, version: sql<number>`version + 1`, updatedBy: by, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', key.consultationId)
    .where('id', '=', key.id)
    .execute();
}

/** A page of a consultation's inputs that are not deleted, newest meeting first (key: day|created, id). */
export async function listInputs(
  db: Db,
  v: { consultationId: string; visibility?: InputRow['visibility'] | undefined; after?: Keyset; limit: number },
): Promise<(InputRow & { sortKey: string })[]> {
  const sortKey = sql<string>`to_char(i.held_on, 'YYYY-MM-DD') || '|' || to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
  let q = selectInputs(db)
    .select(sortKey.as('sortKey'))
    .where('i.consultationId', '=', v.consultationId)
    .where('i.deletedAt', 'is', null);
  if (v.visibility) q = q.where('i.visibility', '=', v.visibility);
  if (v.after) q = q.where(sql<boolean>`(${sortKey}, i.id) < (${v.after[0]}, ${v.after[1]}::uuid)`);
  return q
    .orderBy(sortKey, 'desc')
    .orderBy('i.id', 'desc')
    .limit(v.limit + 1)
    .execute() as Promise<(InputRow & { sortKey: string })[]>;
}

// ---------------------------------------------------------------------------------------- files

export type FileRow = {
  consultationId: string;
  id: string;
  stakeholderInputId: string;
  filename: string;
  mediaType: string;
  sizeBytes: string | number;
  sha256: string;
  storageKey: string;
  public: boolean;
  extractionStatus: 'pending' | 'done' | 'failed' | 'skipped';
  createdAt: Date;
};

const FILE_COLUMNS = [
  'consultationId',
  'id',
  'stakeholderInputId',
  'filename',
  'mediaType',
  'sizeBytes',
  'sha256',
  'storageKey',
  'public',
  'extractionStatus',
  'createdAt',
] as const;

export async function filesOf(db: Db, consultationId: string, inputIds: readonly string[]): Promise<FileRow[]> {
  if (inputIds.length === 0) return [];
  return db
    .selectFrom('stakeholderInputFiles')
    .select(FILE_COLUMNS)
    .where('consultationId', '=', consultationId)
    .where('stakeholderInputId', 'in', [...inputIds])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function findFile(db: Db, consultationId: string, id: string) {
  return db
    .selectFrom('stakeholderInputFiles')
    .select([...FILE_COLUMNS, 'extractedText'])
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertFile(
  db: Db,
  v: Omit<FileRow, 'createdAt' | 'sizeBytes' | 'extractionStatus'> & {
    sizeBytes: number;
    extractionStatus: FileRow['extractionStatus'];
    uploadedBy: string;
  },
): Promise<void> {
  await db.insertInto('stakeholderInputFiles').values(v).execute();
}

export async function setFilePublic(db: Db, consultationId: string, id: string, isPublic: boolean): Promise<void> {
  await db
    .updateTable('stakeholderInputFiles')
    .set({ public: isPublic })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function deleteFile(db: Db, consultationId: string, id: string): Promise<void> {
  await db
    .deleteFrom('stakeholderInputFiles')
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

/** Counts a new version of the input (a file added or removed changes it). */
export async function bumpVersion(db: Db, consultationId: string, id: string, by: string): Promise<void> {
  await db
    .updateTable('stakeholderInputs')
    .set({ version: sql<number>`version + 1`, updatedBy: by, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function storeExtraction(
  db: Db,
  consultationId: string,
  id: string,
  v: { status: 'done' | 'failed' | 'skipped'; text: string | null; error: string | null },
): Promise<void> {
  await db
    .updateTable('stakeholderInputFiles')
    .set({ extractionStatus: v.status, extractedText: v.text, extractionError: v.error })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

/** The files' extracted texts (staff only: the caller checked). */
export async function fileTexts(db: Db, consultationId: string, inputIds: readonly string[]) {
  if (inputIds.length === 0) return [];
  return db
    .selectFrom('stakeholderInputFiles')
    .select(['stakeholderInputId', 'id', 'filename', 'extractionStatus', 'extractedText'])
    .where('consultationId', '=', consultationId)
    .where('stakeholderInputId', 'in', [...inputIds])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

// ------------------------------------------------------------------------------ analysis feed

export type InputKey = { consultationId: string; id: string };

/** The inputs of these keys, deleted ones too (the inbox marks them), for the analysis inbox. */
export async function inputsByKeys(db: Db, keys: readonly InputKey[]): Promise<InputRow[]> {
  if (keys.length === 0) return [];
  return selectInputs(db)
    .where(
      sql<boolean>`(i.consultation_id, i.id) in (select * from unnest(${sql.val(keys.map((k) => k.consultationId))}::uuid[], ${sql.val(keys.map((k) => k.id))}::uuid[]))`,
    )
    .execute() as Promise<InputRow[]>;
}

/** Every input's key in key order after `after`: the inbox's first run walks them all. */
export async function inputKeysAfter(db: Db, after: InputKey | null, limit: number): Promise<InputKey[]> {
  let q = db.selectFrom('stakeholderInputs').select(['consultationId', 'id']);
  if (after) q = q.where(sql<boolean>`(consultation_id, id) > (${after.consultationId}::uuid, ${after.id}::uuid)`);
  return q.orderBy('consultationId').orderBy('id').limit(limit).execute();
}
