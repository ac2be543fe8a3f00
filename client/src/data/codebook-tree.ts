/**
 * The codebook's tree, from the flat depth-first list the server sends: nesting, the parents a
 * tag may move under, its siblings for up/down, and the depth limit. Pure: no I/O, no elements.
 */

/** What the tree logic needs of a tag. */
export type TreeTag = { id: string; parentId: string | null; position: number; depth: number };

export type TreeNode<T extends TreeTag> = { tag: T; children: TreeNode<T>[] };

/** The server's limit: theme → sub-theme → code and two levels more. */
export const MAX_DEPTH = 5;

const byPosition = <T extends TreeTag>(a: T, b: T) => a.position - b.position;

function childrenMap<T extends TreeTag>(tags: readonly T[]): Map<string | null, T[]> {
  const ids = new Set(tags.map((t) => t.id));
  const map = new Map<string | null, T[]>();
  for (const t of tags) {
    // A tag whose parent is not in the list (e.g. archived and hidden) is shown at the top level.
    const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
    const list = map.get(parent) ?? [];
    list.push(t);
    map.set(parent, list);
  }
  for (const list of map.values()) list.sort(byPosition);
  return map;
}

/** The nested tree, siblings by position. */
export function buildTree<T extends TreeTag>(tags: readonly T[]): TreeNode<T>[] {
  const children = childrenMap(tags);
  const seen = new Set<string>();
  const build = (parent: string | null): TreeNode<T>[] =>
    (children.get(parent) ?? [])
      .filter((t) => !seen.has(t.id) && seen.add(t.id))
      .map((t) => ({ tag: t, children: build(t.id) }));
  return build(null);
}

/** The ids of a tag's sub-tags at every level below it (not the tag itself). */
export function descendantIds(tags: readonly TreeTag[], id: string): Set<string> {
  const children = childrenMap(tags);
  const out = new Set<string>();
  const walk = (at: string) => {
    for (const c of children.get(at) ?? []) {
      if (out.has(c.id)) continue;
      out.add(c.id);
      walk(c.id);
    }
  };
  walk(id);
  return out;
}

/** How many levels a tag's subtree spans: 1 for a tag without sub-tags. */
export function heightOf(tags: readonly TreeTag[], id: string): number {
  const children = childrenMap(tags);
  const height = (at: string, guard: number): number =>
    guard > tags.length ? 0 : 1 + Math.max(0, ...(children.get(at) ?? []).map((c) => height(c.id, guard + 1)));
  return height(id, 0);
}

/** Whether a new tag may go under `parent` (null: a theme). */
export const canAddUnder = (parent: TreeTag | null, maxDepth = MAX_DEPTH): boolean =>
  (parent?.depth ?? 0) + 1 <= maxDepth;

/**
 * The tags a tag may move under: not itself, not one of its sub-tags, and not so deep that its
 * subtree would pass the depth limit. Its current parent is left out (that is no move); the top
 * level is offered through `canBeTheme`.
 */
export function validParents<T extends TreeTag>(tags: readonly T[], id: string, maxDepth = MAX_DEPTH): T[] {
  const tag = tags.find((t) => t.id === id);
  if (!tag) return [];
  const below = descendantIds(tags, id);
  const height = heightOf(tags, id);
  return tags.filter((t) => t.id !== id && !below.has(t.id) && t.id !== tag.parentId && t.depth + height <= maxDepth);
}

/** Whether moving a tag to the top level is a move at all (it is not one already). */
export const canBeTheme = (tag: TreeTag): boolean => tag.parentId !== null;

/** A tag's siblings (itself included) in order, as shown. */
export function siblingsOf<T extends TreeTag>(tags: readonly T[], id: string): T[] {
  const tag = tags.find((t) => t.id === id);
  if (!tag) return [];
  const ids = new Set(tags.map((t) => t.id));
  const parentOf = (t: T) => (t.parentId !== null && ids.has(t.parentId) ? t.parentId : null);
  const parent = parentOf(tag);
  return tags.filter((t) => parentOf(t) === parent).sort(byPosition);
}

/**
 * The position to send to move a tag one place up (-1) or down (1) among the siblings shown: the
 * neighbour's position (the server takes the tag out, then puts it there). Null at either end.
 */
export function neighbourPosition(tags: readonly TreeTag[], id: string, delta: -1 | 1): number | null {
  const sibs = siblingsOf(tags, id);
  const i = sibs.findIndex((t) => t.id === id);
  const next = sibs[i + delta];
  return i < 0 || !next ? null : next.position;
}

/** The path of a tag from its theme down, e.g. for "Theme › Sub-theme" labels. */
export function pathOf<T extends TreeTag>(tags: readonly T[], id: string): T[] {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const path: T[] = [];
  let at = byId.get(id);
  while (at && path.length <= tags.length) {
    path.unshift(at);
    at = at.parentId === null ? undefined : byId.get(at.parentId);
  }
  return path;
}
