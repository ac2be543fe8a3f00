import { describe, expect, it } from 'vitest';
import { canAnalysis } from '../../server/modules/analysis/analysis.policy.ts';
import {
  checkCreate,
  checkImport,
  checkMerge,
  checkMove,
  depthOf,
  descendantsOf,
  heightOf,
  MAX_DEPTH,
  placeAt,
  treeOrder,
  type TreeNode,
} from '../../server/modules/analysis/codebook/codebook.rules.ts';
import type { Actor } from '../../server/shared/actor.ts';
import type { Role } from '../../server/shared/schemas.ts';

// theme A (children B, C), B has D, D has E; theme F.
//   A ─ B ─ D ─ E
//     └ C
//   F
const tree: TreeNode[] = [
  { id: 'E', parentId: 'D', position: 0 },
  { id: 'C', parentId: 'A', position: 1 },
  { id: 'F', parentId: null, position: 1 },
  { id: 'B', parentId: 'A', position: 0 },
  { id: 'A', parentId: null, position: 0 },
  { id: 'D', parentId: 'B', position: 0 },
];

/** A chain of `n` tags, L1 → L2 → … → Ln. */
const chain = (n: number, prefix = 'L'): TreeNode[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    parentId: i === 0 ? null : `${prefix}${i}`,
    position: 0,
  }));

describe('the codebook tree', () => {
  it('orders tags depth-first, siblings by position, with their depth', () => {
    expect(treeOrder(tree).map((t) => `${t.id}${t.depth}`)).toEqual(['A1', 'B2', 'D3', 'E4', 'C2', 'F1']);
  });

  it('treats a tag whose parent is not in the list as a root', () => {
    const active = tree.filter((t) => t.id !== 'B');
    expect(treeOrder(active).map((t) => `${t.id}${t.depth}`)).toEqual(['A1', 'C2', 'D1', 'E2', 'F1']);
  });

  it('knows descendants, depth and height', () => {
    expect([...descendantsOf(tree, 'A')].sort()).toEqual(['B', 'C', 'D', 'E']);
    expect(descendantsOf(tree, 'E').size).toBe(0);
    expect(depthOf(tree, 'E')).toBe(4);
    expect(depthOf(tree, null)).toBe(0);
    expect(heightOf(tree, 'A')).toBe(4);
    expect(heightOf(tree, 'C')).toBe(1);
  });

  it('allows five levels and refuses a sixth', () => {
    expect(MAX_DEPTH).toBe(5);
    expect(checkCreate(chain(4), 'L4')).toEqual({ ok: true });
    expect(checkCreate(chain(5), 'L5')).toMatchObject({ ok: false, reason: 'too_deep' });
    expect(checkCreate(chain(5), null)).toEqual({ ok: true });
  });
});

describe('moving a tag', () => {
  it('refuses a move under itself or under one of its descendants', () => {
    expect(checkMove(tree, 'A', 'A')).toMatchObject({ ok: false, reason: 'cycle' });
    expect(checkMove(tree, 'A', 'E')).toMatchObject({ ok: false, reason: 'cycle' });
    expect(checkMove(tree, 'B', 'D')).toMatchObject({ ok: false, reason: 'cycle' });
  });

  it('allows a move to another branch or to the top', () => {
    expect(checkMove(tree, 'D', 'F')).toEqual({ ok: true });
    expect(checkMove(tree, 'B', null)).toEqual({ ok: true });
    expect(checkMove(tree, 'C', 'E')).toEqual({ ok: true }); // C lands on level 5
  });

  it('refuses a move that pushes the subtree below the fifth level', () => {
    // B's subtree (B, D, E) is three levels; under C (level 2) it would reach level 5: allowed.
    expect(checkMove(tree, 'B', 'C')).toEqual({ ok: true });
    // Under M3 (level 3) it would reach level 6; under M2, level 5.
    const deep = [...tree, ...chain(4, 'M')];
    expect(checkMove(deep, 'B', 'M3')).toMatchObject({ ok: false, reason: 'too_deep' });
    expect(checkMove(deep, 'B', 'M2')).toEqual({ ok: true });
  });
});

describe('merging a tag', () => {
  it('refuses itself and its own sub-tags as the target', () => {
    expect(checkMerge(tree, 'A', 'A')).toMatchObject({ ok: false, reason: 'same_tag' });
    expect(checkMerge(tree, 'A', 'D')).toMatchObject({ ok: false, reason: 'cycle' });
  });

  it('allows a sibling, an ancestor or another branch as the target', () => {
    expect(checkMerge(tree, 'C', 'B')).toEqual({ ok: true });
    expect(checkMerge(tree, 'D', 'A')).toEqual({ ok: true });
    expect(checkMerge(tree, 'B', 'F')).toEqual({ ok: true });
  });

  it('refuses a merge whose re-parented sub-tags would go too deep', () => {
    // B's children (D → E, two levels) would go under M4 (level 4): levels 5 and 6.
    const deep = [...tree, ...chain(4, 'M')];
    expect(checkMerge(deep, 'B', 'M4')).toMatchObject({ ok: false, reason: 'too_deep' });
    expect(checkMerge(deep, 'B', 'M3')).toEqual({ ok: true });
    // A tag without children can merge into the deepest level.
    expect(checkMerge([...deep, ...chain(5, 'N')], 'C', 'N5')).toEqual({ ok: true });
  });
});

describe('placing a tag among its siblings', () => {
  it('inserts at the position, clamped to the ends, without duplicates', () => {
    expect(placeAt(['a', 'b', 'c'], 'x', 1)).toEqual(['a', 'x', 'b', 'c']);
    expect(placeAt(['a', 'b', 'c'], 'x', 99)).toEqual(['a', 'b', 'c', 'x']);
    expect(placeAt(['a', 'b', 'c'], 'a', 2)).toEqual(['b', 'c', 'a']);
    expect(placeAt([], 'x', 0)).toEqual(['x']);
  });
});

describe('importing a codebook document', () => {
  it('accepts a tree in any order and gives an order with parents first', () => {
    const tags = [
      { ref: 'code', parentRef: 'sub' },
      { ref: 'sub', parentRef: 'theme' },
      { ref: 'theme', parentRef: null },
      { ref: 'other', parentRef: null },
    ];
    const check = checkImport(tags);
    expect(check).toEqual({ ok: true, order: [2, 3, 1, 0] });
  });

  it('refuses a duplicate ref, a missing parent, a cycle and a sixth level, naming the tag', () => {
    expect(
      checkImport([
        { ref: 'a', parentRef: null },
        { ref: 'a', parentRef: null },
      ]),
    ).toMatchObject({ ok: false, index: 1 });
    expect(checkImport([{ ref: 'a', parentRef: 'nope' }])).toMatchObject({ ok: false, index: 0 });
    expect(
      checkImport([
        { ref: 'a', parentRef: 'b' },
        { ref: 'b', parentRef: 'a' },
      ]),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/cycle/) });
    const six = chain(6).map((t) => ({ ref: t.id, parentRef: t.parentId }));
    expect(checkImport(six)).toMatchObject({ ok: false, index: 5 });
    expect(checkImport(six.slice(0, 5))).toMatchObject({ ok: true });
  });
});

describe('who may work on the codebook and the codings', () => {
  const actor = (id: string, ...roles: Role[]): Actor => ({ id, email: `${id}@x.example`, displayName: id, roles });
  const analyst = actor('a1', 'analyst');
  const colleague = actor('a2', 'analyst');
  const admin = actor('ad', 'admin');

  it('lets analysts and admins read, build the codebook and code; nobody else', () => {
    for (const action of ['read', 'codebook', 'code'] as const) {
      expect([analyst, admin].every((a) => canAnalysis(a, action))).toBe(true);
      expect(
        [null, actor('r', 'reviewer'), actor('p', 'participant'), actor('n')].some((a) => canAnalysis(a, action)),
      ).toBe(false);
    }
  });

  it('lets a coding be changed by its coder or an admin', () => {
    const coding = { coderId: analyst.id };
    expect(canAnalysis(analyst, 'change_coding', coding)).toBe(true);
    expect(canAnalysis(admin, 'change_coding', coding)).toBe(true);
    expect(canAnalysis(colleague, 'change_coding', coding)).toBe(false);
    expect(canAnalysis(actor('a1', 'reviewer'), 'change_coding', coding)).toBe(false);
    expect(canAnalysis(analyst, 'change_coding')).toBe(false);
  });
});
