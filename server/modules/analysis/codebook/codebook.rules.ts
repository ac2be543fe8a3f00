/**
 * Pure rules for a consultation's codebook tree (issue 11 story 3): theme → sub-theme → code, at
 * most MAX_DEPTH levels; moves and merges never make a cycle or a deeper tree. No I/O.
 */
export const MAX_DEPTH = 5;

export type TreeNode = { id: string; parentId: string | null; position: number };

export type TreeCheck = { ok: true } | { ok: false; reason: 'cycle' | 'too_deep' | 'same_tag'; message: string };

const OK: TreeCheck = { ok: true };

function childrenByParent<T extends TreeNode>(rows: readonly T[]): Map<string | null, T[]> {
  const ids = new Set(rows.map((r) => r.id));
  const out = new Map<string | null, T[]>();
  for (const r of rows) {
    // A parent outside the list (an archived one left out of a listing) makes the row a root here.
    const parent = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    const list = out.get(parent) ?? [];
    list.push(r);
    out.set(parent, list);
  }
  for (const list of out.values())
    list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/** The rows depth-first, siblings by position, each with its depth (1 for a root): a tree-ready list. */
export function treeOrder<T extends TreeNode>(rows: readonly T[]): (T & { depth: number })[] {
  const children = childrenByParent(rows);
  const out: (T & { depth: number })[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push({ ...r, depth });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 1);
  return out;
}

/** Every descendant of a tag (not the tag itself). */
export function descendantsOf(rows: readonly TreeNode[], id: string): Set<string> {
  const children = childrenByParent(rows);
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (out.has(c.id) || c.id === id) continue;
      out.add(c.id);
      stack.push(c.id);
    }
  }
  return out;
}

/** The level of a tag: 1 for a root, 0 for "no tag" (the top of the tree). */
export function depthOf(rows: readonly TreeNode[], id: string | null): number {
  const byId = new Map(rows.map((r) => [r.id, r]));
  let depth = 0;
  const seen = new Set<string>();
  for (let at = id === null ? undefined : byId.get(id); at && !seen.has(at.id);) {
    seen.add(at.id);
    depth++;
    at = at.parentId === null ? undefined : byId.get(at.parentId);
  }
  return depth;
}

/** How many levels a tag's subtree spans: 1 for a tag without children. */
export function heightOf(rows: readonly TreeNode[], id: string): number {
  const children = childrenByParent(rows);
  const height = (at: string, guard: number): number =>
    guard > rows.length ? 0 : 1 + Math.max(0, ...(children.get(at) ?? []).map((c) => height(c.id, guard + 1)));
  return height(id, 0);
}

const tooDeep = (): TreeCheck => ({
  ok: false,
  reason: 'too_deep',
  message: `A codebook has at most ${MAX_DEPTH} levels`,
});

/** A tag (with its subtree) may go under a new parent (null: a root) unless that makes a cycle or too deep a tree. */
export function checkMove(rows: readonly TreeNode[], id: string, newParentId: string | null): TreeCheck {
  if (newParentId !== null && (newParentId === id || descendantsOf(rows, id).has(newParentId))) {
    return { ok: false, reason: 'cycle', message: 'A tag cannot move under itself or one of its own sub-tags' };
  }
  if (depthOf(rows, newParentId) + heightOf(rows, id) > MAX_DEPTH) return tooDeep();
  return OK;
}

/** A new tag may go under a parent unless the parent is already at the deepest level. */
export function checkCreate(rows: readonly TreeNode[], parentId: string | null): TreeCheck {
  return depthOf(rows, parentId) + 1 > MAX_DEPTH ? tooDeep() : OK;
}

/**
 * Merging `sourceId` into `targetId` moves the source's codings to the target and its sub-tags
 * under the target: not into itself, not into one of its own sub-tags, and not deeper than allowed.
 */
export function checkMerge(rows: readonly TreeNode[], sourceId: string, targetId: string): TreeCheck {
  if (sourceId === targetId) return { ok: false, reason: 'same_tag', message: 'A tag cannot be merged into itself' };
  if (descendantsOf(rows, sourceId).has(targetId)) {
    return { ok: false, reason: 'cycle', message: 'A tag cannot be merged into one of its own sub-tags' };
  }
  const childHeights = rows.filter((r) => r.parentId === sourceId).map((c) => heightOf(rows, c.id));
  if (depthOf(rows, targetId) + Math.max(0, ...childHeights) > MAX_DEPTH) return tooDeep();
  return OK;
}

/** Sibling ids in their new order once `id` is placed at `position` (clamped to the end). */
export function placeAt(siblingIds: readonly string[], id: string, position: number): string[] {
  const rest = siblingIds.filter((s) => s !== id);
  const at = Math.max(0, Math.min(position, rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

export type ImportNode = { ref: string; parentRef: string | null };
export type ImportCheck = { ok: true; order: number[] } | { ok: false; index: number; message: string };

/**
 * A codebook document's tags, each naming its parent by `ref`: refs unique, parents present, no
 * cycle, at most MAX_DEPTH levels. On success, the indexes in an order where parents come first
 * (siblings keep the document's order).
 */
export function checkImport(tags: readonly ImportNode[]): ImportCheck {
  const index = new Map<string, number>();
  for (const [i, t] of tags.entries()) {
    if (index.has(t.ref)) return { ok: false, index: i, message: `The ref ${t.ref} is used twice` };
    index.set(t.ref, i);
  }
  const depth = new Array<number>(tags.length).fill(0);
  const depthAt = (i: number, trail: Set<number>): number | 'cycle' => {
    if (depth[i]! > 0) return depth[i]!;
    if (trail.has(i)) return 'cycle';
    trail.add(i);
    const parentRef = tags[i]!.parentRef;
    const d = parentRef === null ? 0 : depthAt(index.get(parentRef)!, trail);
    if (d === 'cycle') return d;
    depth[i] = d + 1;
    return depth[i]!;
  };
  for (const [i, t] of tags.entries()) {
    if (t.parentRef !== null && !index.has(t.parentRef)) {
      return { ok: false, index: i, message: `No tag has the parent ref ${t.parentRef}` };
    }
  }
  for (const i of tags.keys()) {
    const d = depthAt(i, new Set());
    if (d === 'cycle') return { ok: false, index: i, message: 'The tags’ parents make a cycle' };
    if (d > MAX_DEPTH) return { ok: false, index: i, message: `A codebook has at most ${MAX_DEPTH} levels` };
  }
  const order = [...tags.keys()].sort((a, b) => depth[a]! - depth[b]! || a - b);
  return { ok: true, order };
}
