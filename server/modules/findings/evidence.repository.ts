import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The findings module's evidence rows (finding_evidence); the bytes are in the files module's blob store. */

export type EvidenceRow = {
  consultationId: string;
  id: string;
  findingId: string;
  filename: string;
  mediaType: string;
  sizeBytes: string | number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
};

export async function evidenceOf(
  db: Db,
  consultationId: string,
  findingIds: readonly string[],
): Promise<Map<string, EvidenceRow[]>> {
  const out = new Map<string, EvidenceRow[]>();
  if (findingIds.length === 0) return out;
  const rows = await db
    .selectFrom('findingEvidence')
    .select([
      'consultationId',
      'id',
      'findingId',
      'filename',
      'mediaType',
      'sizeBytes',
      'sha256',
      'storageKey',
      'createdAt',
    ])
    .where('consultationId', '=', consultationId)
    .where('findingId', 'in', [...findingIds])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.findingId, [...(out.get(r.findingId) ?? []), r]);
  return out;
}

export async function evidenceCounts(
  db: Db,
  consultationId: string,
  findingIds: readonly string[],
): Promise<Map<string, number>> {
  if (findingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('findingEvidence')
    .select(['findingId', sql<string>`count(*)`.as('n')])
    .where('consultationId', '=', consultationId)
    .where('findingId', 'in', [...findingIds])
    .groupBy('findingId')
    .execute();
  return new Map(rows.map((r) => [r.findingId, Number(r.n)]));
}

export async function insertEvidence(
  db: Db,
  v: Omit<EvidenceRow, 'createdAt' | 'sizeBytes'> & { sizeBytes: number; uploadedBy: string | null },
): Promise<void> {
  await db.insertInto('findingEvidence').values(v).execute();
}

export async function deleteEvidence(db: Db, consultationId: string, findingId: string, id: string) {
  return db
    .deleteFrom('findingEvidence')
    .where('consultationId', '=', consultationId)
    .where('findingId', '=', findingId)
    .where('id', '=', id)
    .returning(['id', 'filename', 'storageKey', 'sha256'])
    .executeTakeFirst();
}
