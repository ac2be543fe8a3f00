import { describe, expect, it } from 'vitest';
import { isValidCvr, normalizeCvr } from '../../server/modules/responses/cvr.rules.ts';
import { SubmissionBody } from '../../server/modules/responses/responses.schemas.ts';

describe('CVR numbers (modulus 11, weights 2 7 6 5 4 3 2 1)', () => {
  // Real CVR numbers of public bodies and listed companies.
  it.each([
    ['34051178', 'Digitaliseringsstyrelsen'],
    ['24256790', 'Novo Nordisk A/S'],
    ['61126228', 'Danske Bank A/S'],
  ])('%s (%s) is valid', (cvr) => {
    expect(isValidCvr(cvr)).toBe(true);
  });

  it.each([
    ['34051179', 'wrong check digit'],
    ['12345678', 'weighted sum 114, not divisible by 11'],
    ['3405117', 'seven digits'],
    ['340511780', 'nine digits'],
    ['3405117a', 'a letter'],
    ['', 'empty'],
    ['３４０５１１７８', 'full-width digits'],
  ])('%s is refused (%s)', (cvr) => {
    expect(isValidCvr(cvr)).toBe(false);
  });

  it('accepts the spaced form from a letterhead', () => {
    expect(normalizeCvr('34 05 11 78')).toBe('34051178');
    expect(isValidCvr(normalizeCvr('3405 1178'))).toBe(true);
  });

  it('is required for a business and checked whenever given', () => {
    const base = { consent: 'public_named', body: 'x' };
    const parse = (respondent: object) =>
      SubmissionBody.safeParse({ ...base, respondent: { name: 'A', email: 'a@example.dk', ...respondent } });
    expect(parse({ actingAs: 'business', organisationName: 'A/S' }).success).toBe(false);
    expect(parse({ actingAs: 'business', organisationName: 'A/S', cvr: '34051179' }).success).toBe(false);
    expect(parse({ actingAs: 'business', organisationName: 'A/S', cvr: '34051178' }).success).toBe(true);
    expect(parse({ actingAs: 'citizen' }).success).toBe(true);
    expect(parse({ actingAs: 'ngo', organisationName: 'Forening', cvr: '11111111' }).success).toBe(false);
    // Weighted sum 167: the check digit does not match.
    expect(parse({ actingAs: 'ngo', organisationName: 'Forening', cvr: '2925 6790' }).success).toBe(false);
    expect(parse({ actingAs: 'ngo', organisationName: 'Forening', cvr: '6112 6228' }).success).toBe(true);
  });
});
