import { describe, expect, it } from 'vitest';
import {
  citationProblem,
  coveragePercent,
  missingForReady,
} from '../../server/modules/reports/summaries/summaries.rules.ts';

// Issue 14 story 5: the pure rules of theme summaries.

describe('coverage in per cent', () => {
  it('is null with nothing coded, rounds down, and never reads 0 % when something is cited', () => {
    expect(coveragePercent(0, 0)).toBeNull();
    expect(coveragePercent(3, 0)).toBeNull();
    expect(coveragePercent(0, 7)).toBe(0);
    expect(coveragePercent(7, 7)).toBe(100);
    expect(coveragePercent(2, 3)).toBe(66);
    expect(coveragePercent(199, 200)).toBe(99);
    expect(coveragePercent(1, 1000)).toBe(1);
    expect(coveragePercent(1, 2)).toBe(50);
  });
  it('clamps counts that disagree (a cited count above the total reads 100 %)', () => {
    expect(coveragePercent(9, 4)).toBe(100);
    expect(coveragePercent(-1, 4)).toBe(0);
  });
});

describe('a summary marked ready', () => {
  const complete = {
    status: 'ready' as const,
    answer: 'partly' as const,
    answerReason: { da: 'Fordi.', en: 'Because.' },
    sentences: [{ text: { da: 'En.', en: 'One.' }, codingIds: [] }],
  };
  it('needs sentences, each in both languages, an answer and its reason in both languages', () => {
    expect(missingForReady(complete)).toEqual([]);
    expect(
      missingForReady({
        ...complete,
        answer: null,
        answerReason: { da: ' ', en: 'x' },
        sentences: [complete.sentences[0]!, { text: { da: 'To.', en: '' }, codingIds: [] }],
      }),
    ).toEqual(['sentences.1.text.en', 'answer', 'answerReason.da']);
    expect(missingForReady({ ...complete, sentences: [] })).toEqual(['sentences']);
  });
  it('a draft may lack anything', () => {
    expect(missingForReady({ ...complete, status: 'draft', answer: null, sentences: [] })).toEqual([]);
  });
});

describe('what a sentence may cite', () => {
  const found = new Map([
    ['a', { tagId: 'theme', status: 'confirmed' as const }],
    ['b', { tagId: 'sub', status: 'confirmed' as const }],
    ['c', { tagId: 'other', status: 'confirmed' as const }],
    ['d', { tagId: 'theme', status: 'proposed' as const }],
  ]);
  const subtree = new Set(['theme', 'sub']);
  it('a confirmed coding of the theme or a sub-theme, in this consultation', () => {
    expect(citationProblem('a', found, subtree, new Set())).toBeNull();
    expect(citationProblem('b', found, subtree, new Set())).toBeNull();
    expect(citationProblem('c', found, subtree, new Set())).toBe('not_in_theme');
    expect(citationProblem('d', found, subtree, new Set())).toBe('not_confirmed');
    expect(citationProblem('gone', found, subtree, new Set())).toBe('not_in_consultation');
  });
  it('a citation the summary already had may stay when its coding is gone or moved', () => {
    expect(citationProblem('gone', found, subtree, new Set(['gone']))).toBeNull();
    expect(citationProblem('c', found, subtree, new Set(['c']))).toBeNull();
  });
});
