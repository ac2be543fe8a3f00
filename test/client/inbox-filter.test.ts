import { describe, expect, it } from 'vitest';
import {
  inboxFiltersFromSearch,
  inboxQueryRecord,
  inboxSearchFromFilters,
  isInboxFiltered,
  NO_INBOX_FILTERS,
  normaliseInbox,
  toggled,
  INBOX_KINDS,
  type InboxFilters,
} from '../../client/src/data/inbox-filter.ts';

// Issue 11 story 1: the inbox's whole view lives in the address, so it can be bookmarked and shared.
describe('inbox view in the address', () => {
  const TAG = '11111111-1111-4111-8111-111111111111';
  const SCENARIO = '22222222-2222-4222-8222-222222222222';
  const ANALYST = '33333333-3333-4333-8333-333333333333';
  const everything: InboxFilters = {
    q: 'vindmøller "ved kysten"',
    kind: ['response', 'comment'],
    actingAs: ['business', 'ngo'],
    channel: ['letter', 'email'],
    invited: 'true',
    scenario: SCENARIO,
    status: ['new', 'in_progress'],
    assignee: ANALYST,
    hasAttachments: 'false',
    needsReview: 'true',
    tag: TAG,
    untagged: 'false',
    stance: 'against',
    includeDeleted: true,
    from: '2026-01-02',
    to: '2026-03-04',
    sort: 'relevance',
    campaign: '44444444-4444-4444-8444-444444444444',
    campaignsCollapsed: true,
  };

  it('round-trips every filter through the query string, repeating the multi-valued ones', () => {
    const search = inboxSearchFromFilters(everything);
    expect(inboxFiltersFromSearch(search)).toEqual(everything);
    const p = new URLSearchParams(search);
    expect(p.getAll('kind')).toEqual(['response', 'comment']);
    expect(p.getAll('actingAs')).toEqual(['business', 'ngo']);
    expect(p.getAll('channel')).toEqual(['letter', 'email']);
    expect(p.getAll('status')).toEqual(['new', 'in_progress']);
  });

  it('leaves defaults out: no filters is an empty query string', () => {
    expect(inboxSearchFromFilters(NO_INBOX_FILTERS)).toBe('');
    expect(inboxFiltersFromSearch('')).toEqual(NO_INBOX_FILTERS);
    expect(isInboxFiltered(NO_INBOX_FILTERS)).toBe(false);
    expect(isInboxFiltered({ ...NO_INBOX_FILTERS, sort: 'oldest' })).toBe(false);
    expect(isInboxFiltered({ ...NO_INBOX_FILTERS, status: ['analysed'] })).toBe(true);
    expect(isInboxFiltered({ ...NO_INBOX_FILTERS, includeDeleted: true })).toBe(true);
  });

  it('writes the same view the same way, whatever order the choices were made in', () => {
    const a = inboxSearchFromFilters({
      ...NO_INBOX_FILTERS,
      status: ['analysed', 'new'],
      kind: ['comment', 'response'],
    });
    const b = inboxSearchFromFilters({
      ...NO_INBOX_FILTERS,
      kind: ['response', 'comment'],
      status: ['new', 'analysed'],
    });
    expect(a).toBe(b);
    expect(a).toBe('?kind=response&kind=comment&status=new&status=analysed');
  });

  it('drops what makes no sense instead of failing (a hand-edited or old link)', () => {
    const f = inboxFiltersFromSearch(
      '?kind=letter&kind=comment&kind=comment&status=done&assignee=bob&tag=x&scenario=S1&invited=maybe' +
        '&stance=angry&from=2026-02-30&to=yesterday&sort=random&includeDeleted=1&untagged=yes',
    );
    expect(f).toEqual({ ...NO_INBOX_FILTERS, kind: ['comment'] });
  });

  it('keeps me, none and a user id as the assignee', () => {
    expect(inboxFiltersFromSearch('?assignee=me').assignee).toBe('me');
    expect(inboxFiltersFromSearch('?assignee=none').assignee).toBe('none');
    expect(inboxFiltersFromSearch(`?assignee=${ANALYST.toUpperCase()}`).assignee).toBe(ANALYST);
  });

  it('sorts by relevance only with a search, and swaps dates given the wrong way round', () => {
    expect(inboxFiltersFromSearch('?sort=relevance').sort).toBe('newest');
    expect(inboxFiltersFromSearch('?q=%20&sort=relevance')).toEqual(NO_INBOX_FILTERS);
    const n = normaliseInbox({ ...NO_INBOX_FILTERS, from: '2026-05-01', to: '2026-04-01', q: '  høring ' });
    expect([n.from, n.to, n.q]).toEqual(['2026-04-01', '2026-05-01', 'høring']);
  });

  it('gives the split route the view as the address holds it', () => {
    expect(
      inboxQueryRecord({ ...NO_INBOX_FILTERS, q: 'mitid', status: ['new', 'in_progress'], assignee: 'none' }),
    ).toEqual({
      q: 'mitid',
      status: ['new', 'in_progress'],
      assignee: 'none',
    });
    expect(inboxQueryRecord({ ...NO_INBOX_FILTERS, kind: ['comment'] })).toEqual({ kind: 'comment' });
  });

  it('toggles a value of a multi-valued filter in the list’s order', () => {
    expect(toggled(INBOX_KINDS, ['comment'], 'response', true)).toEqual(['response', 'comment']);
    expect(toggled(INBOX_KINDS, ['response', 'comment'], 'response', false)).toEqual(['comment']);
    expect(toggled(INBOX_KINDS, ['comment'], 'comment', true)).toEqual(['comment']);
  });
});
