import type { InboxItemKind } from '../../../db/schema.ts';
import { notFound } from '../../../shared/errors.ts';
import { commentSource } from './sources/comment.source.ts';
import { findingSource } from './sources/finding.source.ts';
import type { InboxSource } from './sources/inbox-source.ts';
import { responseSource } from './sources/response.source.ts';
import { stakeholderInputSource } from './sources/stakeholder-input.source.ts';

/**
 * Every kind of input the inbox holds, in the order the indexer's first run walks them. A new kind
 * adds its source here (see sources/inbox-source.ts for what a source tells the inbox).
 */
export const INBOX_SOURCES: readonly InboxSource[] = [
  responseSource,
  commentSource,
  findingSource,
  stakeholderInputSource,
];

export const sourceOf = (kind: InboxItemKind): InboxSource => {
  const s = INBOX_SOURCES.find((x) => x.kind === kind);
  if (!s) throw notFound('Item');
  return s;
};

/** The kind the first run walks after `kind`, or null after the last. */
export const nextWalkKind = (kind: InboxItemKind): InboxItemKind | null => {
  const i = INBOX_SOURCES.findIndex((x) => x.kind === kind);
  return INBOX_SOURCES[i + 1]?.kind ?? null;
};
