import type { Db } from '../../../db/database.ts';
import type { InboxItemKind } from '../../../db/schema.ts';
import { indexedUpTo } from './inbox.repository.ts';
import * as repo from './tallies.repository.ts';

/**
 * The inbox's counts for the høringsnotat (issue 14 story 6), read without an actor by the report's
 * background job (the routes that start it check the role). Every count is of the consultation's
 * default inbox view (every kind; deleted comments left out) narrowed by one filter, so the report
 * can link each number to the inbox view `?<filter>=<value>` that recounts it.
 */
export type InputTallies = {
  total: number;
  byKind: { kind: InboxItemKind; n: number }[];
  byKindActingAs: { kind: InboxItemKind; actingAs: string; n: number }[];
  byKindChannel: { kind: InboxItemKind; channel: string; n: number }[];
  campaigns: Map<string, number>;
  tags: Map<string, number>;
  indexedUpTo: Date | null;
};

export async function inputTallies(db: Db, consultationId: string): Promise<InputTallies> {
  const f = { consultationId };
  const [rows, campaigns, tags, upTo] = await Promise.all([
    repo.overview(db, f),
    repo.campaignCounts(db, f),
    repo.tagCounts(db, f),
    indexedUpTo(db),
  ]);
  const out: InputTallies = {
    total: 0,
    byKind: [],
    byKindActingAs: [],
    byKindChannel: [],
    campaigns: new Map(campaigns.map((c) => [c.campaignId, c.n])),
    tags: new Map(tags.map((t) => [t.tagId, t.n])),
    indexedUpTo: upTo,
  };
  for (const r of rows) {
    if (r.gKind === 1) out.total = r.n;
    else if (r.gActing === 0 && r.actingAs !== null)
      out.byKindActingAs.push({ kind: r.kind!, actingAs: r.actingAs, n: r.n });
    else if (r.gChannel === 0 && r.channel !== null)
      out.byKindChannel.push({ kind: r.kind!, channel: r.channel, n: r.n });
    else if (r.gActing === 1 && r.gChannel === 1) out.byKind.push({ kind: r.kind!, n: r.n });
  }
  return out;
}

export type { QuoteCandidate } from './tallies.repository.ts';

/** Passages that may be quoted in public, up to `perTag` per tag, those `preferred` first. */
export const quoteCandidates = (db: Db, consultationId: string, perTag: number, preferred: readonly string[]) =>
  repo.quoteCandidates(db, consultationId, perTag, preferred);
