import { listInbox } from '../../api/inbox.ts';
import type { CodebookTag } from '../../api/codebook.ts';
import type { InboxItemDetail } from '../../api/inbox-item.ts';
import type { PickableTag } from '../../components/analysis/sr-coding-picker.ts';
import { inboxFiltersFromSearch } from '../../data/inbox-filter.ts';
import { loc } from '../../i18n/i18n.ts';

/** An item next to this one in the inbox view it was opened from. */
export type ItemRef = { kind: string; id: string };
export type Neighbours = { previous: ItemRef | null; next: ItemRef | null };

/**
 * The inbox view the item was opened from: the inbox's own query string (`?q=…&kind=…`), passed
 * as `from`; null when the item was opened some other way. Only a query string is taken.
 */
export function fromParam(search: string = location.search): string | null {
  const from = new URLSearchParams(search).get('from');
  if (from === null) return null;
  return from === '' || from.startsWith('?') ? from : null;
}

/** The address of an item's page, carrying the inbox view along. */
export function itemHref(consultationId: string, ref: ItemRef, from: string | null = fromParam()): string {
  const path = `/admin/consultations/${encodeURIComponent(consultationId)}/inbox/${encodeURIComponent(ref.kind)}/${encodeURIComponent(ref.id)}`;
  return from === null ? path : `${path}?from=${encodeURIComponent(from)}`;
}

/** The items before and after this one in the first page of the inbox view it came from. */
export async function loadNeighbours(
  consultationId: string,
  item: InboxItemDetail,
  signal: AbortSignal,
): Promise<Neighbours> {
  const from = fromParam();
  const none = { previous: null, next: null };
  if (from === null) return none;
  try {
    const page = await listInbox(consultationId, inboxFiltersFromSearch(from), null, signal);
    const at = page.items.findIndex((i) => i.id === item.id);
    if (at < 0) return none;
    const ref = (i: (typeof page.items)[number] | undefined) => (i ? { kind: i.kind, id: i.id } : null);
    return { previous: ref(page.items[at - 1]), next: ref(page.items[at + 1]) };
  } catch {
    return none;
  }
}

/**
 * The codebook's tags for the picker (active ones, depth-first as the codebook lists them) and the
 * path of every tag, archived too (a coding may still name one), in the page's language.
 */
export function pickableTags(all: readonly CodebookTag[]): { tags: PickableTag[]; paths: Map<string, string> } {
  const byId = new Map(all.map((tag) => [tag.id, tag]));
  const paths = new Map<string, string>();
  const pathOf = (tag: CodebookTag): string => {
    const known = paths.get(tag.id);
    if (known !== undefined) return known;
    const parent = tag.parentId ? byId.get(tag.parentId) : undefined;
    const path = parent && parent.id !== tag.id ? `${pathOf(parent)} › ${loc(tag.name)}` : loc(tag.name);
    paths.set(tag.id, path);
    return path;
  };
  const tags = all
    .filter((tag) => !tag.archived)
    .map((tag) => ({
      id: tag.id,
      name: loc(tag.name),
      path: pathOf(tag),
      depth: tag.depth,
      search: `${tag.name.da} ${tag.name.en}`.toLocaleLowerCase(),
    }));
  for (const tag of all) pathOf(tag);
  return { tags, paths };
}
