import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, forbidden, notFound, pgConstraint, pgErrorCode } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canParties } from './parties.policy.ts';
import * as repo from './parties.repository.ts';
import { nameKey, parseImport } from './parties.rules.ts';
import type { ImportPreview, ImportRow, Party, PartyInput, PartyKind } from './parties.schemas.ts';

/** The directory of parties, reused across hearings (issue 13 story 2): admins only. */

export function toParty(r: repo.PartyRow): Party {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    cvr: r.cvr,
    emails: r.emails,
    locale: r.locale,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const valuesOf = (p: PartyInput): repo.PartyValues => ({
  name: p.name,
  nameKey: nameKey(p.name),
  kind: p.kind,
  cvr: p.cvr,
  emails: p.emails,
  locale: p.locale,
  note: p.note,
});

function requireDirectory(actor: Actor | null): Actor {
  if (!actor || !canParties(actor, 'manageDirectory')) throw forbidden();
  return actor;
}

/**
 * Duplicates are reported, never merged: 409 CONFLICT naming the party already in the directory
 * (`details.reason` = duplicate_cvr or duplicate_name, `details.partyId`).
 */
async function refuseDuplicates(db: Db, v: repo.PartyValues, exceptId?: string) {
  const clashes = (await repo.findClashes(db, { cvrs: v.cvr ? [v.cvr] : [], nameKeys: [v.nameKey] })).filter(
    (c) => c.id !== exceptId,
  );
  const byCvr = clashes.find((c) => v.cvr && c.cvr === v.cvr);
  const clash = byCvr ?? clashes[0];
  if (!clash) return;
  throw new AppError(
    'CONFLICT',
    byCvr
      ? `${clash.name} already has the CVR number ${v.cvr}`
      : `${clash.name} is already in the directory under that name`,
    { reason: byCvr ? 'duplicate_cvr' : 'duplicate_name', partyId: clash.id },
  );
}

/** A unique violation that a concurrent write caused after our check: the same 409. */
async function guarded<T>(db: Db, v: repo.PartyValues, exceptId: string | undefined, write: () => Promise<T>) {
  try {
    return await write();
  } catch (err) {
    if (pgErrorCode(err) === '23505') await refuseDuplicates(db, v, exceptId);
    throw err;
  }
}

export async function listParties(
  db: Db,
  actor: Actor | null,
  q: { q?: string | undefined; kind?: PartyKind | undefined },
) {
  requireDirectory(actor);
  return { items: (await repo.listParties(db, q)).map(toParty) };
}

export async function getParty(db: Db, actor: Actor | null, id: string): Promise<Party> {
  requireDirectory(actor);
  const row = await repo.findParty(db, id);
  if (!row) throw notFound('Party');
  return toParty(row);
}

export async function createParty(db: Db, actor: Actor | null, input: PartyInput): Promise<Party> {
  const a = requireDirectory(actor);
  const v = valuesOf(input);
  await refuseDuplicates(db, v);
  const id = await guarded(db, v, undefined, () =>
    db.transaction().execute(async (trx) => {
      const [row] = await repo.insertParties(trx, [v], a.id);
      await recordAudit(trx, a, {
        action: 'party.create',
        itemType: 'party',
        itemId: row!.id,
        details: { name: v.name, kind: v.kind, cvr: v.cvr },
      });
      return row!.id;
    }),
  );
  return getParty(db, actor, id);
}

export async function updateParty(db: Db, actor: Actor | null, id: string, input: PartyInput): Promise<Party> {
  const a = requireDirectory(actor);
  const before = await repo.findParty(db, id);
  if (!before) throw notFound('Party');
  const v = valuesOf(input);
  await refuseDuplicates(db, v, id);
  await guarded(db, v, id, () =>
    db.transaction().execute(async (trx) => {
      await repo.updateParty(trx, id, v);
      const changed = (['name', 'kind', 'cvr', 'emails', 'locale', 'note'] as const).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(v[k]),
      );
      await recordAudit(trx, a, { action: 'party.update', itemType: 'party', itemId: id, details: { changed } });
    }),
  );
  return getParty(db, actor, id);
}

/** A party on a consultation's list stays (the list is the hearing's record): 409 with reason `listed`. */
export async function deleteParty(db: Db, actor: Actor | null, id: string): Promise<void> {
  const a = requireDirectory(actor);
  const row = await repo.findParty(db, id);
  if (!row) throw notFound('Party');
  // Whether any consultation lists the party is a question across consultations: the foreign key
  // from consultation_parties answers it as the row goes (no look-up of every consultation's list
  // first, which under Citus would ask every shard), and a party listed meanwhile is refused too.
  try {
    await db.transaction().execute(async (trx) => {
      await repo.deleteParty(trx, id);
      await recordAudit(trx, a, { action: 'party.delete', itemType: 'party', itemId: id, details: { name: row.name } });
    });
  } catch (err) {
    if (pgErrorCode(err) === '23503' && pgConstraint(err) === 'consultation_parties_party_id_fkey') {
      throw new AppError('CONFLICT', `${row.name} is on a consultation's list and cannot be deleted`, {
        reason: 'listed',
      });
    }
    throw err;
  }
}

/** The file's rows with their errors, those within the file and those against the directory. */
async function checkImport(db: Db, csv: string) {
  const parsed = parseImport(csv);
  if (parsed.headerError) throw new AppError('BAD_REQUEST', parsed.headerError, { reason: 'bad_header' });
  const values = parsed.valid.map((r) => ({ rowNo: r.rowNo, v: valuesOf(r.input) }));
  const clashes = await repo.findClashes(db, {
    cvrs: values.flatMap((r) => (r.v.cvr ? [r.v.cvr] : [])),
    nameKeys: values.map((r) => r.v.nameKey),
  });
  const rows = new Map<number, ImportRow>(parsed.rows.map((r) => [r.rowNo, r]));
  for (const { rowNo, v } of values) {
    const row = rows.get(rowNo)!;
    const cvr = clashes.find((c) => v.cvr && c.cvr === v.cvr);
    const name = clashes.find((c) => c.nameKey === v.nameKey);
    if (cvr)
      row.errors.push({ field: 'cvr', code: 'duplicate_cvr', message: `${cvr.name} already has this CVR number` });
    if (name)
      row.errors.push({ field: 'name', code: 'duplicate_name', message: `${name.name} is already in the directory` });
  }
  const preview: ImportPreview = {
    rowCount: parsed.rows.length,
    errorCount: parsed.rows.filter((r) => r.errors.length > 0).length,
    rows: parsed.rows,
  };
  return { preview, values: values.map((r) => r.v) };
}

/** The import's preview: every row with its errors; nothing is written. */
export async function previewImport(db: Db, actor: Actor | null, csv: string): Promise<ImportPreview> {
  requireDirectory(actor);
  return (await checkImport(db, csv)).preview;
}

/**
 * Imports every row in one transaction, or none: refused (422, with the preview in `details`)
 * while any row has an error, and a duplicate written meanwhile rolls all of it back.
 */
export async function commitImport(db: Db, actor: Actor | null, csv: string): Promise<{ created: number }> {
  const a = requireDirectory(actor);
  const { preview, values } = await checkImport(db, csv);
  if (preview.errorCount > 0 || values.length === 0) {
    throw new AppError(
      'RULE_VIOLATION',
      values.length === 0 ? 'The file has no rows' : `${preview.errorCount} rows have errors: nothing was imported`,
      { reason: 'rows_with_errors', errorCount: preview.errorCount },
    );
  }
  try {
    const ids = await db.transaction().execute(async (trx) => {
      const rows = await repo.insertParties(trx, values, a.id);
      await recordAudit(trx, a, { action: 'party.import', itemType: 'party', details: { created: rows.length } });
      return rows;
    });
    return { created: ids.length };
  } catch (err) {
    if (pgErrorCode(err) === '23505') {
      throw new AppError('CONFLICT', 'A party in the file was added to the directory meanwhile: nothing was imported', {
        reason: 'duplicate',
      });
    }
    throw err;
  }
}

/**
 * The consulted parties of a consultation (its høringsliste) with whether each answered, said "no
 * comments", and which response is its answer: for the scenario scorecard (issue 14 story 2). The
 * caller checks the reader's access to the consultation first.
 */
export async function partyAnswers(db: Db, consultationId: string) {
  return (await repo.listAnswers(db, consultationId)).map((r) => ({
    partyId: r.partyId,
    name: r.name,
    kind: r.kind,
    invited: r.invitedAt !== null,
    responseId: r.responseId,
    respondedAt: r.respondedAt?.toISOString() ?? null,
    noComments: r.noCommentsAt !== null,
  }));
}
