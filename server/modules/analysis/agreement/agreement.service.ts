import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, forbidden, notFound, pgConstraint, pgErrorCode } from '../../../shared/errors.ts';
import { activeUsersWithRole, getAccount } from '../../accounts/accounts.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { refused, requireWorkspace } from '../analysis.service.ts';
import { type AgreementAction, canAgreement } from './agreement.policy.ts';
import * as repo from './agreement.repository.ts';
import { computeResults } from './agreement.results.ts';
import type {
  AgreementResults,
  AgreementSample,
  CreateSampleInput,
  ItemSamples,
  SampleDetail,
  SampleFilters,
} from './agreement.schemas.ts';

/** Coder agreement (issue 11 story 7): samples drawn by an admin, coded blind, compared. */

/** The role first (403), then the consultation (404), as every analysis use case. */
async function workspace(db: Db, actor: Actor | null, idOrSlug: string, action: AgreementAction) {
  if (!canAgreement(actor, action === 'results' ? 'read' : action)) throw forbidden();
  return requireWorkspace(db, actor, idOrSlug, 'read');
}

async function samplesOut(db: Db, consultationId: string, rows: repo.SampleRow[]): Promise<AgreementSample[]> {
  const coders = await repo.codersOf(
    db,
    consultationId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const mine = coders.filter((c) => c.sampleId === r.id);
    return {
      id: r.id,
      consultationId: r.consultationId,
      number: r.number,
      seed: r.seed,
      size: r.size,
      items: mine[0]?.items ?? 0,
      filters: r.filters as SampleFilters,
      status: r.status,
      coders: mine.map((c) => ({ id: c.userId, name: c.displayName, done: c.done })),
      createdAt: r.createdAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
    };
  });
}

/** The sample in this consultation, or 404 (also when it is another consultation's). */
async function sampleIn(db: Db, consultationId: string, sampleId: string, lock = false) {
  const row = await repo.findSample(db, sampleId, lock);
  if (!row || row.consultationId !== consultationId) throw notFound('Agreement sample');
  return row;
}

async function requireCoders(db: Db, actor: Actor | null, ids: readonly string[]) {
  const ok = await activeUsersWithRole(db, ids, ['analyst', 'admin']);
  const bad = ids.flatMap((id, i) => (ok.has(id) ? [] : [i]));
  if (bad.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Only active analysts and admins can code a sample', {
      issues: bad.map((i) => ({ path: `/coderIds/${i}`, message: 'Not an active analyst or admin' })),
    });
  }
  return Promise.all(ids.map(async (id) => ({ id, name: (await getAccount(db, actor, id)).displayName })));
}

/** Draws a reproducible random sample for two or more coders (admins only); audited. */
export async function drawSample(db: Db, actor: Actor | null, idOrSlug: string, input: CreateSampleInput) {
  const c = await workspace(db, actor, idOrSlug, 'draw');
  const coders = await requireCoders(db, actor, input.coderIds);
  const f = input.filters;
  const write = () =>
    db.transaction().execute(async (trx) => {
      const number = await repo.nextNumber(trx, c.id);
      const id = await repo.insertSample(trx, {
        consultationId: c.id,
        number,
        seed: input.seed,
        size: input.size,
        filters: f,
        createdBy: actor!.id,
      });
      const drawn = await repo.drawItems(
        trx,
        id,
        { consultationId: c.id, kinds: f.kind, scenarioId: f.scenario, tagId: f.tag, statuses: f.status },
        input.seed,
        input.size,
      );
      if (drawn === 0) throw refused('RULE_VIOLATION', 'no_items', 'No item of the inbox matches these filters');
      await repo.insertCoders(trx, id, coders);
      await recordAudit(trx, actor, {
        action: 'agreement.draw',
        itemType: 'agreement_sample',
        itemId: id,
        consultationId: c.id,
        details: { number, seed: input.seed, size: input.size, items: drawn, filters: f, coderIds: input.coderIds },
      });
      return id;
    });
  // Two samples drawn at once in one consultation may take the same number: the unique key
  // refuses the second, which then takes the next.
  let id: string;
  for (let attempt = 1; ; attempt++) {
    try {
      id = await write();
      break;
    } catch (err) {
      const taken = pgErrorCode(err) === '23505' && pgConstraint(err) === 'agreement_samples_number_key';
      if (!taken || attempt >= 3) throw err;
    }
  }
  return getSample(db, actor, c.id, id);
}

export async function listSamples(db: Db, actor: Actor | null, idOrSlug: string) {
  const c = await workspace(db, actor, idOrSlug, 'read');
  return { items: await samplesOut(db, c.id, await repo.listSamples(db, c.id)) };
}

/** A sample with its items in draw order and who has coded each. */
export async function getSample(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  sampleId: string,
): Promise<SampleDetail> {
  const c = await workspace(db, actor, idOrSlug, 'read');
  const row = await sampleIn(db, c.id, sampleId);
  const [sample] = await samplesOut(db, c.id, [row]);
  const [items, codings] = await Promise.all([
    repo.sampleItems(db, c.id, row.id),
    repo.sampleCodings(db, c.id, row.id),
  ]);
  const codedBy = new Map<string, Set<string>>();
  for (const k of codings) codedBy.set(k.itemId, (codedBy.get(k.itemId) ?? new Set()).add(k.coderId));
  return {
    ...sample!,
    sampleItems: items.map((i) => ({
      position: i.position,
      kind: i.itemKind,
      id: i.itemId,
      excerpt: i.excerpt ?? '',
      codedBy: [...(codedBy.get(i.itemId) ?? [])].sort(),
    })),
  };
}

/** Closes an open sample (admins only): its coders see each other's codings again; audited. */
export async function closeSample(db: Db, actor: Actor | null, idOrSlug: string, sampleId: string) {
  const c = await workspace(db, actor, idOrSlug, 'close');
  await db.transaction().execute(async (trx) => {
    const row = await sampleIn(trx, c.id, sampleId, true);
    if (row.status === 'closed') throw refused('CONFLICT', 'closed', 'The sample is already closed');
    await repo.closeSample(trx, row.id, actor!.id);
    await recordAudit(trx, actor, {
      action: 'agreement.close',
      itemType: 'agreement_sample',
      itemId: row.id,
      consultationId: c.id,
      details: { number: row.number },
    });
  });
  return getSample(db, actor, c.id, sampleId);
}

/** Agreement per tag and overall, and the disagreements side by side (see agreement.results.ts). */
export async function sampleResults(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  sampleId: string,
): Promise<AgreementResults> {
  const c = await workspace(db, actor, idOrSlug, 'results');
  const row = await sampleIn(db, c.id, sampleId);
  const [coders, items, codings] = await Promise.all([
    repo.codersOf(db, c.id, [row.id]),
    repo.sampleItems(db, c.id, row.id),
    repo.sampleCodings(db, c.id, row.id),
  ]);
  const coderIds = coders.map((k) => k.userId);
  if (!canAgreement(actor, 'results', { status: row.status, coderIds })) {
    throw forbidden('You code this open sample blind: its results show once it is closed');
  }
  const units = items.map((i) => ({ itemId: i.itemId, itemKind: i.itemKind, excerpt: i.excerpt ?? '' }));
  const core = computeResults(units, coderIds, codings);
  const names = new Map(
    (
      await repo.tagNames(
        db,
        c.id,
        core.tags.map((t) => t.tagId),
      )
    ).map((t) => [t.id, t.name]),
  );
  return {
    sampleId: row.id,
    coders: coders.map((k) => ({ id: k.userId, name: k.displayName, done: core.done.get(k.userId) ?? 0 })),
    overall: core.overall,
    tags: core.tags
      .map((t) => ({ ...t, name: names.get(t.tagId) ?? { da: '', en: '' } }))
      .sort((a, b) => a.name.da.localeCompare(b.name.da, 'da')),
    disagreements: core.disagreements,
  };
}

/** The samples an item is in, and whether the actor codes it blind there (an open sample they code, not an admin). */
export async function itemSamples(db: Db, actor: Actor | null, idOrSlug: string, itemId: string): Promise<ItemSamples> {
  const c = await workspace(db, actor, idOrSlug, 'read');
  const rows = await repo.samplesWithItem(db, c.id, itemId, actor!.id);
  const admin = actor!.roles.includes('admin');
  return {
    samples: rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      blind: r.status === 'open' && r.coder && !admin,
    })),
  };
}
