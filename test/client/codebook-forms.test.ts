import { describe, expect, it } from 'vitest';
import type { CodebookTag } from '../../client/src/api/codebook.ts';
import { ApiError } from '../../client/src/api/http.ts';
import { importProblems } from '../../client/src/components/analysis/sr-codebook-exchange.ts';
import { changedFields, type TagDraft } from '../../client/src/components/analysis/sr-codebook-tag-form.ts';
import { setLocale } from '../../client/src/i18n/i18n.ts';
import '../../client/src/i18n/parts/codebook.ts';

// Issue 11 story 3: what the codebook's forms send and how a refused import is shown by row.
const TAG: CodebookTag = {
  id: '11111111-1111-4111-8111-111111111111',
  consultationId: '22222222-2222-4222-8222-222222222222',
  parentId: null,
  name: { da: 'Tillid', en: 'Trust' },
  definition: 'Om tillid',
  includeNote: '',
  excludeNote: '',
  example: '',
  scenarioId: null,
  position: 0,
  depth: 1,
  archived: false,
  archivedAt: null,
  mergedIntoId: null,
  version: 3,
  codingCount: 2,
  proposedCount: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const draft = (patch: Partial<TagDraft> = {}): TagDraft => ({
  name: { ...TAG.name },
  definition: TAG.definition,
  includeNote: '',
  excludeNote: '',
  example: '',
  scenarioId: null,
  ...patch,
});

describe('codebook tag form', () => {
  it('sends only the fields that changed, the name as a whole', () => {
    expect(changedFields(draft(), TAG)).toEqual({});
    expect(changedFields(draft({ name: { da: 'Tillid', en: 'Confidence' } }), TAG)).toEqual({
      name: { da: 'Tillid', en: 'Confidence' },
    });
    const scenarioId = '33333333-3333-4333-8333-333333333333';
    expect(changedFields(draft({ example: '“Jeg stoler på den”', scenarioId }), TAG)).toEqual({
      example: '“Jeg stoler på den”',
      scenarioId,
    });
  });

  it('sends every field of a new tag', () => {
    expect(changedFields(draft(), null)).toEqual(draft());
  });
});

describe('codebook import errors', () => {
  const doc = { format: 'samraad.codebook', formatVersion: 1, tags: [{ ref: 'a' }, { ref: 'b' }, { ref: 'c' }] };

  it('lists validation issues by tag, with its ref and the field’s label, once each', () => {
    setLocale('en');
    const err = new ApiError(400, 'VALIDATION_FAILED', 'Invalid', {
      issues: [
        { path: '/tags/1/name/da', keyword: 'too_small' },
        { path: '/tags/1/name/da', keyword: 'invalid_type' },
        { path: '/tags/2/parentRef', keyword: 'invalid_type' },
        { path: '/format', keyword: 'invalid_value' },
      ],
    });
    expect(importProblems(err, doc)).toEqual([
      { row: 2, ref: 'b', text: 'Name (Danish) is missing or not valid' },
      { row: 3, ref: 'c', text: 'Parent reference (parentRef) is missing or not valid' },
      { row: null, ref: '', text: 'The file is not a Samråd codebook (format “samraad.codebook”, version 1).' },
    ]);
  });

  it('names the tag the server’s tree check refused', () => {
    setLocale('da');
    const err = new ApiError(400, 'BAD_REQUEST', 'Unknown parentRef "x"', {
      reason: 'invalid_tree',
      index: 0,
      ref: 'a',
    });
    const [problem, ...rest] = importProblems(err, doc);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ row: 1, ref: 'a' });
  });

  it('has no rows for other failures (the alert explains them)', () => {
    expect(importProblems(new ApiError(403, 'FORBIDDEN', 'No'), doc)).toEqual([]);
  });
});
