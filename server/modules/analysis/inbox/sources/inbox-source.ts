import type { Db } from '../../../../db/database.ts';
import type { InboxItemKind } from '../../../../db/schema.ts';
import type { Actor } from '../../../../shared/actor.ts';
import type { ItemRow } from '../inbox.repository.ts';
import type { InboxItemDetail } from '../inbox.schemas.ts';

/** An item's key: the consultation it belongs to and its id. */
export type SourceKey = { consultationId: string; id: string };

/**
 * One kind of input the analysis inbox holds (issue 11 story 1; issue 13 adds user-test findings
 * and stakeholder inputs). Each kind's owner module keeps its table; its source reads it through the
 * owner's service and tells the inbox three things. The indexer walks every source on its first run
 * and then follows the audit log for events whose `itemType` is the source's kind (so every change
 * to such an item must be audited with `itemType: kind`, `itemId` and `consultationId`).
 */
export type InboxSource = {
  kind: InboxItemKind;
  /** Every item's key in key order after `after` (the indexer's first run walks them all). */
  keysAfter: (db: Db, after: SourceKey | null, limit: number) => Promise<SourceKey[]>;
  /** The inbox rows of these items; an item that no longer exists is left out. */
  rows: (db: Db, keys: readonly SourceKey[]) => Promise<ItemRow[]>;
  /**
   * Everything staff may read of one item, its texts named by field as codings name them; 404 when
   * it is not in the consultation. The workflow is added by the inbox.
   */
  detail: (
    db: Db,
    actor: Actor | null,
    consultationId: string,
    itemId: string,
  ) => Promise<Omit<InboxItemDetail, 'workflow'>>;
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The inbox's excerpt of an item's text: its first 280 characters, cut at a word. */
export const excerptOf = (doc: string) => {
  const flat = squash(doc);
  return flat.length <= 280 ? flat : `${flat.slice(0, 279).replace(/\s+\S*$/, '')}…`;
};
/** The most text stemmed per item (a tsvector holds at most 1 MB); files are searched in their own index. */
export const MAX_DOC = 200_000;
