import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { listScenarios } from '../../scenarios/scenarios.service.ts';
import { refused, requireWorkspace } from '../analysis.service.ts';
import * as repo from './codebook.repository.ts';
import { toQdc } from './codebook.qdc.ts';
import { checkImport, treeOrder } from './codebook.rules.ts';
import type { CodebookDocument, DocumentTag, ImportResult } from './codebook.schemas.ts';

/** A codebook in and out (issue 11 story 3): copied from another consultation, exported and imported as JSON. */

async function scenarioKeys(db: Db, actor: Actor | null, consultationId: string) {
  const scenarios = await listScenarios(db, actor, consultationId);
  return { byId: new Map(scenarios.map((s) => [s.id, s.key])), byKey: new Map(scenarios.map((s) => [s.key, s.id])) };
}

/** The active tags as a document: parents before children, siblings in order, scenarios by key. */
async function documentTags(db: Db, actor: Actor | null, consultationId: string): Promise<DocumentTag[]> {
  const [rows, keys] = await Promise.all([repo.listTags(db, consultationId), scenarioKeys(db, actor, consultationId)]);
  return treeOrder(rows).map((r) => ({
    ref: r.id,
    parentRef: r.parentId,
    name: r.name,
    definition: r.definition,
    includeNote: r.includeNote,
    excludeNote: r.excludeNote,
    example: r.example,
    scenarioKey: (r.scenarioId && keys.byId.get(r.scenarioId)) || null,
  }));
}

export async function exportCodebook(db: Db, actor: Actor | null, consultationIdOrSlug: string) {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const doc: CodebookDocument = {
    format: 'samraad.codebook',
    formatVersion: 1,
    source: { consultationId: c.id, slug: c.slug, exportedAt: new Date().toISOString() },
    tags: await documentTags(db, actor, c.id),
  };
  return { slug: c.slug, doc };
}

/**
 * The active codebook as a REFI-QDA codebook (`.qdc`), names in one language. A codebook without
 * tags has no valid `.qdc` (the standard asks for at least one code): 422 `RULE_VIOLATION`.
 */
export async function exportCodebookQdc(db: Db, actor: Actor | null, consultationIdOrSlug: string, lang: 'da' | 'en') {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const tags = await documentTags(db, actor, c.id);
  if (tags.length === 0) throw refused('RULE_VIOLATION', 'empty', 'The codebook has no tags to export');
  const xml = toQdc(
    tags.map((t) => ({ ...t, id: t.ref, parentId: t.parentRef })),
    lang,
    `Samråd (${c.slug})`,
  );
  return { slug: c.slug, xml };
}

/**
 * Adds a document's tags after the tags already in the codebook, in one statement inside one
 * transaction: either every tag is added or none. Scenarios are matched by key; a key this
 * consultation lacks leaves the tag without a scenario and is reported.
 */
async function addTags(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  tags: readonly DocumentTag[],
  audit: { action: string; details: Record<string, unknown> },
): Promise<ImportResult> {
  const check = checkImport(tags);
  if (!check.ok) {
    throw refused('BAD_REQUEST', 'invalid_tree', check.message, { index: check.index, ref: tags[check.index]?.ref });
  }
  const keys = await scenarioKeys(db, actor, consultationId);
  const unmatched = new Set<string>();
  return db.transaction().execute(async (trx) => {
    const existingRoots = (await repo.lockTags(trx, consultationId)).filter((r) => r.parentId === null).length;
    const ids = new Map(tags.map((t) => [t.ref, randomUUID()]));
    const siblingCount = new Map<string | null, number>([[null, existingRoots]]);
    const rows = check.order.map((i) => {
      const t = tags[i]!;
      const position = siblingCount.get(t.parentRef) ?? 0;
      siblingCount.set(t.parentRef, position + 1);
      const scenarioId = t.scenarioKey === null ? null : (keys.byKey.get(t.scenarioKey) ?? null);
      if (t.scenarioKey !== null && scenarioId === null) unmatched.add(t.scenarioKey);
      return {
        id: ids.get(t.ref)!,
        consultationId,
        parentId: t.parentRef === null ? null : ids.get(t.parentRef)!,
        name: t.name,
        definition: t.definition,
        includeNote: t.includeNote,
        excludeNote: t.excludeNote,
        example: t.example,
        scenarioId,
        position,
        createdBy: actor?.id ?? null,
      };
    });
    // Foreign keys are checked at the end of the statement, so parents and children go in together.
    await repo.insertTags(trx, rows);
    const result = { created: rows.length, unmatchedScenarioKeys: [...unmatched].sort() };
    await recordAudit(trx, actor, {
      action: audit.action,
      itemType: 'consultation',
      itemId: consultationId,
      consultationId,
      details: { ...audit.details, ...result },
    });
    return result;
  });
}

export async function importCodebook(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  doc: CodebookDocument,
): Promise<ImportResult> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'codebook');
  return addTags(db, actor, c.id, doc.tags, { action: 'codebook.import', details: {} });
}

/** Copies another consultation's active tags (names, notes, hierarchy; scenarios by key), not its codings. */
export async function copyCodebook(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  fromConsultationIdOrSlug: string,
): Promise<ImportResult> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'codebook');
  const from = await requireWorkspace(db, actor, fromConsultationIdOrSlug, 'read');
  if (from.id === c.id) throw refused('BAD_REQUEST', 'same_consultation', 'A codebook cannot be copied into itself');
  const tags = await documentTags(db, actor, from.id);
  return addTags(db, actor, c.id, tags, { action: 'codebook.copy', details: { fromConsultationId: from.id } });
}
