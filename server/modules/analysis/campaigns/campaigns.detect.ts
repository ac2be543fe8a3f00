import type { Db } from '../../../db/database.ts';
import type { CampaignSpan } from '../../../db/schema.ts';
import { jaccard, shingles } from './campaigns.minhash.ts';
import * as repo from './campaigns.repository.ts';
import {
  addedSpans,
  comparedWords,
  type Cluster,
  diffAgainstTemplate,
  exactHash,
  MIN_WORDS,
  prepare,
  verified,
} from './campaigns.rules.ts';

/**
 * Campaign detection against the stored campaigns (issue 12 story 1): where a found link or
 * cluster meets the analysts' decisions. An item already in a campaign stays where it is (only an
 * analyst moves it); an item split from a campaign never joins that campaign again; a cluster an
 * analyst marked "not a campaign" takes its new copies too, so it stays one decided cluster.
 */

type ItemKey = repo.ItemKey;
const keyOf = repo.keyOf;

/** Similarity to the template and the sentences the member added or changed. */
export function memberDiff(templateText: string, text: string, bp: ReadonlySet<string>) {
  if (exactHash(templateText) === exactHash(text)) return { similarity: 1, spans: [] as CampaignSpan[] };
  const similarity = jaccard(shingles(comparedWords(templateText, bp)), shingles(comparedWords(text, bp)));
  return {
    similarity: Math.round(similarity * 1000) / 1000,
    spans: addedSpans(diffAgainstTemplate(templateText, text)),
  };
}

/**
 * Puts `free` items into the campaign one of `anchors` is in, or, when none is, into a new
 * campaign with `template` (which must be among anchors or free). Returns the campaign id and how
 * many joined.
 */
export async function placeItems(
  db: Db,
  consultationId: string,
  v: {
    template: ItemKey;
    items: readonly ItemKey[];
    addedBy: 'exact' | 'detection';
    boilerplate: ReadonlySet<string>;
    /** A new campaign's template is the earliest received of its items (as they arrive), not `template`. */
    earliestTemplate?: boolean;
  },
): Promise<number> {
  const where = await repo.membershipsOf(db, consultationId, v.items);
  const memberOf = (k: ItemKey) => where.get(keyOf(k))?.find((m) => m.status === 'member')?.campaignId;
  const splitFrom = (k: ItemKey, campaignId: string) =>
    where.get(keyOf(k))?.some((m) => m.status === 'split' && m.campaignId === campaignId) ?? false;
  // The campaign most of the placed items are in already.
  const votes = new Map<string, number>();
  for (const k of v.items) {
    const c = memberOf(k);
    if (c) votes.set(c, (votes.get(c) ?? 0) + 1);
  }
  const free = v.items.filter((k) => !memberOf(k));
  if (free.length === 0) return 0;
  let campaignId = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  let templateText: string;
  if (campaignId) {
    const c = await db.selectFrom('campaigns').select('templateText').where('id', '=', campaignId).executeTakeFirst();
    templateText = c!.templateText;
  } else {
    if (free.length < 2) return 0;
    let template = free.some((k) => keyOf(k) === keyOf(v.template)) ? v.template : free[0]!;
    if (v.earliestTemplate) {
      // Copies that arrive in the same batch would otherwise make whichever the index lists first
      // the template; the first to arrive is the one the others copy.
      const all = await repo.textsOf(db, consultationId, free);
      const at = (k: ItemKey) => all.get(keyOf(k))?.receivedAt.getTime() ?? Number.POSITIVE_INFINITY;
      template = [...free].sort((a, b) => at(a) - at(b) || keyOf(a).localeCompare(keyOf(b)))[0]!;
    }
    const texts = await repo.textsOf(db, consultationId, [template]);
    templateText = texts.get(keyOf(template))?.text ?? '';
    campaignId = await repo.insertCampaign(db, { consultationId, template, templateText });
  }
  const joining = free.filter((k) => !splitFrom(k, campaignId));
  if (joining.length === 0) return 0;
  const texts = await repo.textsOf(db, consultationId, joining);
  await repo.insertMembers(
    db,
    consultationId,
    campaignId,
    joining.map((k) => ({
      ...k,
      ...memberDiff(templateText, texts.get(keyOf(k))?.text ?? '', v.boilerplate),
      addedBy: v.addedBy,
    })),
  );
  await repo.recount(db, consultationId, campaignId);
  return joining.length;
}

/** `receivedAt` (ISO): items are placed in the order they arrived, so the first copy is the template. */
export type Arrival = ItemKey & { consultationId: string; version: number; text: string; receivedAt?: string };

/**
 * New or changed input, as the inbox indexer writes it (off the submission path; in a transaction,
 * which holds the consultation's placement lock until it ends): its exact hash
 * and band keys are stored; an exact copy of another item joins that item's campaign (or the two
 * make one); otherwise a verified near-copy among the items sharing a band key does. Cheap: one
 * signature per new item and an index lookup.
 */
export async function noteArrivals(db: Db, arrivals: readonly Arrival[]): Promise<number> {
  let joined = 0;
  const byConsultation = new Map<string, Arrival[]>();
  const inOrder = [...arrivals].sort(
    (a, b) => (a.receivedAt ?? '').localeCompare(b.receivedAt ?? '') || a.id.localeCompare(b.id),
  );
  for (const a of inOrder) byConsultation.set(a.consultationId, [...(byConsultation.get(a.consultationId) ?? []), a]);
  // One consultation after another in id order, so two transactions never wait on each other's lock.
  for (const [consultationId, items] of [...byConsultation].sort((a, b) => a[0].localeCompare(b[0]))) {
    await repo.lockPlacement(db, consultationId);
    const bp = new Set(await repo.latestBoilerplate(db, consultationId));
    const prepared = items.map((a) => ({ a, p: prepare(a.text, bp), exact: exactHash(a.text) }));
    await repo.upsertSignatures(
      db,
      consultationId,
      prepared.map(({ a, p, exact }) => ({
        kind: a.kind,
        id: a.id,
        version: a.version,
        exactHash: exact,
        groupable: p !== null,
        bands: p ? [...p.bands] : null,
      })),
    );
    const exacts = await repo.withExact(
      db,
      consultationId,
      prepared.filter((x) => x.p).map((x) => x.exact),
    );
    for (const { a, p, exact } of prepared) {
      if (!p) continue;
      const key = { kind: a.kind, id: a.id };
      const same = await preferPlaced(
        db,
        consultationId,
        (exacts.get(exact) ?? []).filter((k) => keyOf(k) !== keyOf(key)),
      );
      if (same) {
        joined += await placeItems(db, consultationId, {
          template: same,
          items: [same, key],
          addedBy: 'exact',
          boilerplate: bp,
          earliestTemplate: true,
        });
        continue;
      }
      const near = await nearCopyOf(db, consultationId, key, p, bp);
      if (near)
        joined += await placeItems(db, consultationId, {
          template: near,
          items: [near, key],
          addedBy: 'detection',
          boilerplate: bp,
          earliestTemplate: true,
        });
    }
  }
  return joined;
}

/** The first verified near-copy among the items sharing a band key with this one. */
async function nearCopyOf(
  db: Db,
  consultationId: string,
  key: ItemKey,
  p: NonNullable<ReturnType<typeof prepare>>,
  bp: ReadonlySet<string>,
): Promise<ItemKey | null> {
  const candidates = await repo.sharingBands(db, consultationId, [...p.bands], key);
  if (candidates.length === 0) return null;
  const texts = await repo.textsOf(db, consultationId, candidates);
  const near = candidates.filter((c) => {
    const t = texts.get(keyOf(c));
    if (!t) return false;
    const words = comparedWords(t.text, bp);
    return words.length >= MIN_WORDS && verified(p.shingles, shingles(words)).ok;
  });
  return preferPlaced(db, consultationId, near);
}

/**
 * Of an item's copies, one already in a campaign if there is one, else the first. Without it the
 * copy that happened to come first (id order) could be one not placed yet, and the two would start
 * a second campaign beside the one the other copies are in (it happened: three copies of a letter
 * in one indexer batch became two campaigns of two).
 */
async function preferPlaced(db: Db, consultationId: string, copies: readonly ItemKey[]): Promise<ItemKey | null> {
  if (copies.length <= 1) return copies[0] ?? null;
  const where = await repo.membershipsOf(db, consultationId, copies);
  return copies.find((k) => where.get(keyOf(k))?.some((m) => m.status === 'member')) ?? copies[0]!;
}

/** Stores a full run's clusters: each placed as above (existing campaigns and decisions win). */
export async function storeClusters(
  db: Db,
  consultationId: string,
  clusters: readonly { template: ItemKey; members: ItemKey[] }[],
  boilerplate: ReadonlySet<string>,
  progress: (f: number) => Promise<void>,
): Promise<number> {
  let joined = 0;
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i]!;
    joined += await db.transaction().execute(async (trx) => {
      await repo.lockPlacement(trx, consultationId);
      return placeItems(trx, consultationId, {
        template: c.template,
        items: c.members,
        addedBy: 'detection',
        boilerplate,
      });
    });
    await progress((i + 1) / clusters.length);
  }
  return joined;
}

export type { Cluster };
