import { describe, expect, it } from 'vitest';
import {
  filtersFromSearch,
  NO_FILTERS,
  searchFromFilters,
  toApiQuery,
} from '../../client/src/data/published-filters.ts';

// Issue 10 item 18: the public search's state lives in the address.
describe('published-response filters in the address', () => {
  const scenarios = [
    { id: '11111111-1111-4111-8111-111111111111', key: 'S1' },
    { id: '22222222-2222-4222-8222-222222222222', key: 'S2' },
  ];

  it('round-trips every filter through the query string', () => {
    const f = {
      q: 'vindmøller "ved kysten"',
      actingAs: 'business' as const,
      invited: 'true' as const,
      scenario: 'S2',
      from: '2026-01-01',
      to: '2026-01-31',
      sort: 'relevance' as const,
    };
    const search = searchFromFilters(f);
    expect(search).toBe(
      '?q=vindm%C3%B8ller+%22ved+kysten%22&scenario=S2&actingAs=business&invited=true&from=2026-01-01&to=2026-01-31&sort=relevance',
    );
    expect(filtersFromSearch(search)).toEqual(f);
  });

  it('leaves defaults out of the address', () => {
    expect(searchFromFilters(NO_FILTERS)).toBe('');
    expect(searchFromFilters({ ...NO_FILTERS, sort: 'oldest' })).toBe('?sort=oldest');
  });

  it('drops nonsense from a hand-edited link instead of failing', () => {
    expect(filtersFromSearch('?actingAs=king&invited=maybe&from=2026-13-45&to=x&sort=random&scenario=<b>')).toEqual(
      NO_FILTERS,
    );
  });

  it('ranks by relevance only with words to rank by, and puts dates in order', () => {
    expect(filtersFromSearch('?sort=relevance').sort).toBe('newest');
    expect(filtersFromSearch('?from=2026-02-01&to=2026-01-01')).toMatchObject({ from: '2026-01-01', to: '2026-02-01' });
  });

  it('asks the API by scenario id; an unknown key matches nothing rather than everything', () => {
    expect(toApiQuery({ ...NO_FILTERS, scenario: 'S1' }, scenarios).scenario).toBe(scenarios[0]!.id);
    expect(toApiQuery({ ...NO_FILTERS, scenario: 'S9' }, scenarios).scenario).toBe(
      '00000000-0000-0000-0000-000000000000',
    );
    expect(toApiQuery(NO_FILTERS, scenarios)).toEqual({
      q: undefined,
      actingAs: undefined,
      invited: undefined,
      scenario: undefined,
      from: undefined,
      to: undefined,
      sort: undefined,
    });
  });
});
