import { describe, expect, it } from 'vitest';
import {
  publicIdentity,
  validateAnswers,
  type QuestionForAnswers,
} from '../../server/modules/responses/responses.rules.ts';

const questions: QuestionForAnswers[] = [
  { id: 'q-text', kind: 'text', required: true, options: [] },
  { id: 'q-single', kind: 'single', required: false, options: [{ id: 'yes' }, { id: 'no' }] },
  { id: 'q-multi', kind: 'multi', required: false, options: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
  { id: 'q-scale', kind: 'scale', required: false, options: [] },
  { id: 'q-scen', kind: 'scenario_scale', required: true, options: [] },
];
const scenarios = [
  { id: 's1', status: 'candidate' },
  { id: 's2', status: 'shortlisted' },
  { id: 's3', status: 'eliminated' },
];
const valid = [
  { questionId: 'q-text', value: 'Tekst' },
  { questionId: 'q-scen', value: { s1: 3, s2: 5 } },
];
const check = (answers: { questionId: string; value: unknown }[], enforceRequired = true) =>
  validateAnswers(questions, scenarios, answers, { enforceRequired });

describe('answers against the questionnaire', () => {
  it('accepts every kind and returns what is stored: multi sorted, empty answers dropped', () => {
    const res = check([
      ...valid,
      { questionId: 'q-single', value: 'no' },
      { questionId: 'q-multi', value: ['c', 'a'] },
      { questionId: 'q-scale', value: 1 },
    ]);
    expect(res).toEqual({
      ok: true,
      answers: [
        { questionId: 'q-text', value: 'Tekst' },
        { questionId: 'q-scen', value: { s1: 3, s2: 5 } },
        { questionId: 'q-single', value: 'no' },
        { questionId: 'q-multi', value: ['a', 'c'] },
        { questionId: 'q-scale', value: 1 },
      ],
    });
    expect(check([...valid, { questionId: 'q-multi', value: [] }])).toEqual({ ok: true, answers: valid });
  });

  it('an eliminated scenario need not be rated, but may be', () => {
    expect(check([valid[0]!, { questionId: 'q-scen', value: { s1: 3, s2: 5, s3: 1 } }]).ok).toBe(true);
    const missing = check([valid[0]!, { questionId: 'q-scen', value: { s1: 3 } }]);
    expect(missing).toEqual({
      ok: false,
      issues: [expect.objectContaining({ questionId: 'q-scen', path: '/answers' })],
    });
  });

  it.each([
    ['a blank required text', [{ questionId: 'q-text', value: '   ' }, valid[1]!], '/answers'],
    ['an unknown question', [...valid, { questionId: 'q-other', value: 'x' }], '/answers/2/questionId'],
    ['a duplicate', [...valid, valid[0]!], '/answers/2/questionId'],
    ['a number as text', [{ questionId: 'q-text', value: 5 }, valid[1]!], '/answers/0/value'],
    ['text over 20 000', [{ questionId: 'q-text', value: 'x'.repeat(20_001) }, valid[1]!], '/answers/0/value'],
    ['a list for a single choice', [...valid, { questionId: 'q-single', value: ['yes'] }], '/answers/2/value'],
    ['an unknown option', [...valid, { questionId: 'q-multi', value: ['a', 'z'] }], '/answers/2/value'],
    ['0 on a scale', [...valid, { questionId: 'q-scale', value: 0 }], '/answers/2/value'],
    [
      'a rating of a foreign scenario',
      [valid[0]!, { questionId: 'q-scen', value: { s1: 3, s2: 5, s9: 2 } }],
      '/answers/1/value',
    ],
    ['a list as a scenario rating', [valid[0]!, { questionId: 'q-scen', value: [3, 5] }], '/answers/1/value'],
  ])('refuses %s', (_name, answers, path) => {
    const res = check(answers);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues.map((i) => i.path)).toContain(path);
  });

  it('letters need not answer required questions, but what they answer must fit', () => {
    expect(check([], false)).toEqual({ ok: true, answers: [] });
    expect(check([{ questionId: 'q-scale', value: 7 }], false).ok).toBe(false);
  });
});

describe('who a published response names', () => {
  const r = { respondentName: 'Søren Sørensen', organisationName: 'Sørensens VVS', cvr: '34051178' };
  it('named: the person and the organisation', () => {
    expect(publicIdentity({ ...r, consent: 'public_named' })).toEqual({
      name: 'Søren Sørensen',
      organisationName: 'Sørensens VVS',
      cvr: '34051178',
    });
  });
  it('anonymous (and, defensively, not public): nobody, not even the organisation', () => {
    expect(publicIdentity({ ...r, consent: 'public_anonymous' })).toEqual({
      name: null,
      organisationName: null,
      cvr: null,
    });
    expect(publicIdentity({ ...r, consent: 'not_public' })).toEqual({ name: null, organisationName: null, cvr: null });
  });
});
