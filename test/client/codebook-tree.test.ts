import { describe, expect, it } from 'vitest';
import {
  buildTree,
  canAddUnder,
  canBeTheme,
  descendantIds,
  heightOf,
  neighbourPosition,
  pathOf,
  siblingsOf,
  validParents,
  type TreeTag,
} from '../../client/src/data/codebook-tree.ts';

// Issue 11 story 3: the codebook page's tree logic, from the server's flat depth-first list.
const tag = (id: string, parentId: string | null, position: number, depth: number): TreeTag => ({
  id,
  parentId,
  position,
  depth,
});

// A (theme) → A1 → A1a → A1a-i ; A → A2 ; B (theme) → B1
const TAGS: TreeTag[] = [
  tag('A', null, 0, 1),
  tag('A1', 'A', 0, 2),
  tag('A1a', 'A1', 0, 3),
  tag('A1a-i', 'A1a', 0, 4),
  tag('A2', 'A', 1, 2),
  tag('B', null, 1, 1),
  tag('B1', 'B', 0, 2),
];

const ids = (tags: readonly TreeTag[]) => tags.map((t) => t.id);

describe('codebook tree', () => {
  it('nests the flat list, siblings by position, whatever order it comes in', () => {
    const shape = (nodes: ReturnType<typeof buildTree<TreeTag>>): unknown =>
      nodes.map((n) => (n.children.length ? { [n.tag.id]: shape(n.children) } : n.tag.id));
    const expected = [{ A: [{ A1: [{ A1a: ['A1a-i'] }] }, 'A2'] }, { B: ['B1'] }];
    expect(shape(buildTree(TAGS))).toEqual(expected);
    expect(shape(buildTree([...TAGS].reverse()))).toEqual(expected);
    expect(buildTree([])).toEqual([]);
  });

  it('shows a tag whose parent is not in the list at the top level', () => {
    const tree = buildTree([tag('X', 'gone', 0, 2), tag('Y', null, 0, 1)]);
    expect(tree.map((n) => n.tag.id).sort()).toEqual(['X', 'Y']);
  });

  it('finds every sub-tag below a tag, and the height of its subtree', () => {
    expect([...descendantIds(TAGS, 'A')].sort()).toEqual(['A1', 'A1a', 'A1a-i', 'A2']);
    expect([...descendantIds(TAGS, 'B1')]).toEqual([]);
    expect(heightOf(TAGS, 'A')).toBe(4);
    expect(heightOf(TAGS, 'A1a')).toBe(2);
    expect(heightOf(TAGS, 'B1')).toBe(1);
  });

  it('offers as new parents neither the tag itself, nor its sub-tags, nor its current parent', () => {
    expect(ids(validParents(TAGS, 'A1'))).toEqual(['A2', 'B', 'B1']);
    expect(ids(validParents(TAGS, 'B1'))).toEqual(['A', 'A1', 'A1a', 'A1a-i', 'A2']);
    expect(validParents(TAGS, 'missing')).toEqual([]);
  });

  it('keeps a moved subtree within five levels', () => {
    // A spans four levels: under a theme it would reach level 5, under a level-2 tag level 6.
    expect(ids(validParents(TAGS, 'A'))).toEqual(['B']);
    // A1 spans three levels: it fits under a tag of level 2 at most.
    expect(ids(validParents(TAGS, 'A1'))).toEqual(['A2', 'B', 'B1']);
    expect(ids(validParents(TAGS, 'A1', 3))).toEqual([]);
  });

  it('allows a new tag under any level but the deepest', () => {
    expect(canAddUnder(null)).toBe(true);
    expect(canAddUnder(tag('x', 'y', 0, 4))).toBe(true);
    expect(canAddUnder(tag('x', 'y', 0, 5))).toBe(false);
    expect(canAddUnder(tag('x', 'y', 0, 2), 2)).toBe(false);
  });

  it('offers the top level only to a tag that is not a theme already', () => {
    expect(canBeTheme(TAGS[0]!)).toBe(false);
    expect(canBeTheme(TAGS[1]!)).toBe(true);
  });

  it('moves up and down by taking the neighbour’s position, and not past either end', () => {
    expect(ids(siblingsOf(TAGS, 'A2'))).toEqual(['A1', 'A2']);
    expect(ids(siblingsOf(TAGS, 'B'))).toEqual(['A', 'B']);
    expect(neighbourPosition(TAGS, 'A2', -1)).toBe(0);
    expect(neighbourPosition(TAGS, 'A1', 1)).toBe(1);
    expect(neighbourPosition(TAGS, 'A1', -1)).toBeNull();
    expect(neighbourPosition(TAGS, 'B', 1)).toBeNull();
    // Hidden (archived) siblings leave gaps: the neighbour shown is the one passed.
    const gaps = [tag('P', null, 0, 1), tag('Q', null, 3, 1), tag('R', null, 7, 1)];
    expect(neighbourPosition(gaps, 'R', -1)).toBe(3);
    expect(neighbourPosition(gaps, 'P', 1)).toBe(3);
  });

  it('gives the path from the theme down', () => {
    expect(ids(pathOf(TAGS, 'A1a-i'))).toEqual(['A', 'A1', 'A1a', 'A1a-i']);
    expect(ids(pathOf(TAGS, 'B'))).toEqual(['B']);
  });
});
