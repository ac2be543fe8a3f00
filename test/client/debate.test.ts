import { describe, expect, it } from 'vitest';
import { tokenFromHash } from '../../client/src/api/participants.ts';
import {
  dropOn,
  fromRanks,
  moveDown,
  moveToRank,
  moveUp,
  rankOf,
  setTied,
  tiedWithAbove,
  toRanks,
} from '../../client/src/data/ballot-model.ts';
import { matchRoute } from '../../client/src/app/routes.ts';
import { da } from '../../client/src/i18n/da.ts';
import { en } from '../../client/src/i18n/en.ts';

const ORDER = ['a', 'b', 'c', 'd'];
const ranks = (m: ReturnType<typeof fromRanks>) => toRanks(m).map((r) => `${r.scenarioId}${r.rank}`);

describe('ballot model', () => {
  it('reads saved ranks (gaps and ties) into dense tiers, unranked in scenario order', () => {
    const m = fromRanks(ORDER, [
      { scenarioId: 'c', rank: 5 },
      { scenarioId: 'a', rank: 2 },
      { scenarioId: 'd', rank: 2 },
    ]);
    expect(m.tiers).toEqual([['a', 'd'], ['c']]);
    expect(m.unranked).toEqual(['b']);
    expect(ranks(m)).toEqual(['a1', 'd1', 'c2']);
  });

  it('moves up and down, out of ties, and from the last rank to unranked', () => {
    let m = fromRanks(ORDER, []);
    m = moveUp(m, 'b');
    m = moveUp(m, 'a');
    expect(ranks(m)).toEqual(['b1', 'a2']);
    m = moveUp(m, 'a');
    expect(ranks(m)).toEqual(['a1', 'b2']);
    expect(moveUp(m, 'a')).toBe(m);
    m = setTied(m, 'b', true);
    expect(ranks(m)).toEqual(['a1', 'b1']);
    expect(tiedWithAbove(m, 'b')).toBe(true);
    expect(ranks(moveUp(m, 'b'))).toEqual(['b1', 'a2']);
    expect(ranks(moveDown(m, 'a', ORDER))).toEqual(['b1', 'a2']);
    m = moveDown(moveDown(m, 'b', ORDER), 'b', ORDER);
    expect(ranks(m)).toEqual(['a1']);
    expect(m.unranked).toEqual(['b', 'c', 'd']);
  });

  it('moves to a rank, unties, and drops', () => {
    let m = fromRanks(ORDER, [
      { scenarioId: 'a', rank: 1 },
      { scenarioId: 'b', rank: 1 },
      { scenarioId: 'c', rank: 2 },
    ]);
    expect(rankOf(moveToRank(m, 'd', 9, ORDER), 'd')).toBe(3);
    expect(ranks(moveToRank(m, 'c', 1, ORDER))).toEqual(['c1', 'a2', 'b2']);
    expect(moveToRank(m, 'a', null, ORDER).unranked).toEqual(['a', 'd']);
    expect(ranks(setTied(m, 'b', false))).toEqual(['a1', 'b2', 'c3']);
    expect(ranks(dropOn(m, 'd', 'a', ORDER))).toEqual(['d1', 'a2', 'b2', 'c3']);
    expect(ranks(dropOn(m, 'a', 'c', ORDER))).toEqual(['b1', 'c2', 'a3']);
    expect(ranks(dropOn(m, 'd', null, ORDER))).toEqual(['a1', 'b1', 'c2', 'd3']);
    m = dropOn(m, 'c', 'unranked', ORDER);
    expect(m.unranked).toEqual(['c', 'd']);
  });
});

describe('debate routes and messages', () => {
  it('routes the debate pages', () => {
    expect(matchRoute('/consultations/x/ranking')?.route.tag).toBe('sr-page-ranking');
    expect(matchRoute('/consultations/x/results')?.route.tag).toBe('sr-page-results');
    expect(matchRoute('/register')?.route.access).toBe('public');
    expect(matchRoute('/profile')?.route.access).toBe('user');
    expect(matchRoute('/reset-password')?.route.tag).toBe('sr-page-reset-password');
  });

  it('reads a link token from the fragment only when well-formed', () => {
    const token = 'A'.repeat(43);
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash('#token=short')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('has every debate message in both languages, with announcements as the spec words them', () => {
    expect(en['ballot.movedTo']({ key: 'S2', rank: 1 })).toBe('S2 moved to rank 1');
    expect(en['ballot.movedTied']({ key: 'S3', others: 'S1', rank: 2 })).toBe('S3 tied with S1 at rank 2');
    expect(da['ballot.movedTo']({ key: 'S2', rank: 1 })).toBe('S2 flyttet til plads 1');
    expect(en['comments.removedByModerator']({ reason: 'x' })).toBe('Removed by the moderator: x');
  });
});
