import { type Expression, sql, type SqlBool } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { CodingItemKind } from '../../../db/schema.ts';
import { displayNameOf } from '../../accounts/accounts.fragments.ts';
import type { NewCoding } from '../codings/codings.repository.ts';

/** What the exchange (issue 11 story 9) reads of the analysis module's codings and inbox tables. */

const at = sql<string>`to_char(codings.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of a consultation's codings, oldest first, each with its coder's display name; a keyset
 * cursor (created_at, id) walks the (consultation_id, created_at, id) index, so a big export streams.
 */
export async function codingsPage(
  db: Db,
  consultationId: string,
  opts: { proposed: boolean; after: [string, string] | null; limit: number; visible?: Expression<SqlBool> | undefined },
) {
  let q = db
    .selectFrom('codings')
    .selectAll('codings')
    .select([at.as('cursorAt'), displayNameOf('codings.coderId').as('coderName')])
    .where('consultationId', '=', consultationId);
  if (!opts.proposed) q = q.where('status', '=', 'confirmed');
  if (opts.visible) q = q.where(opts.visible);
  if (opts.after) {
    const [a, id] = opts.after;
    q = q.where(sql<boolean>`(codings.created_at, codings.id) > (${a}::timestamptz, ${id}::uuid)`);
  }
  return q.orderBy('createdAt').orderBy('id').limit(opts.limit).execute();
}

export type ExchangeCodingRow = Awaited<ReturnType<typeof codingsPage>>[number];

/** The items of a consultation's inbox and every item that has a coding, in the order they came in. */
export async function itemsOf(db: Db, consultationId: string) {
  const inbox = await db
    .selectFrom('analysisItems')
    .select(['kind', 'itemId'])
    .where('consultationId', '=', consultationId)
    .where('kind', 'in', ['response', 'comment'])
    .orderBy('receivedAt')
    .orderBy('itemId')
    .execute();
  const coded = await db
    .selectFrom('codings')
    .select(['itemKind as kind', 'itemId'])
    .distinct()
    .where('consultationId', '=', consultationId)
    .where('itemKind', 'in', ['response', 'comment'])
    .execute();
  const seen = new Map<string, CodingItemKind>();
  for (const r of [...inbox, ...coded]) if (!seen.has(r.itemId)) seen.set(r.itemId, r.kind);
  return seen;
}

/** The codings of one item, as the places an import compares with. */
export async function codingPlaces(db: Db, consultationId: string, itemKind: CodingItemKind, itemId: string) {
  return db
    .selectFrom('codings')
    .select(['tagId', 'field', 'startOffset', 'endOffset'])
    .where('consultationId', '=', consultationId)
    .where('itemKind', '=', itemKind)
    .where('itemId', '=', itemId)
    .execute();
}

/** Many codings in statements of 500 rows. */
export async function insertCodings(db: Db, rows: readonly NewCoding[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('codings')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}
