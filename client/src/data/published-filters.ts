import { ACTING_AS, type ActingAs, type PublicQuery } from '../api/responses.ts';

/**
 * The public search's whole state as it stands in the address (issue 10 item 18), so a search can
 * be shared, bookmarked and come back with Back. The scenario is named by its key (`S1`), which
 * reads well in a link; the API gets its id.
 */
export type PublishedSort = 'newest' | 'oldest' | 'relevance';
export const SORTS: readonly PublishedSort[] = ['newest', 'oldest', 'relevance'];

export type PublishedFilters = {
  q: string;
  actingAs: ActingAs | '';
  invited: '' | 'true' | 'false';
  scenario: string;
  from: string;
  to: string;
  sort: PublishedSort;
};

export const NO_FILTERS: PublishedFilters = {
  q: '',
  actingAs: '',
  invited: '',
  scenario: '',
  from: '',
  to: '',
  sort: 'newest',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string): boolean => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const KEY = /^[A-Za-z0-9_-]{1,20}$/;

/** Reads filters from `location.search`; a value that makes no sense is dropped, never an error. */
export function filtersFromSearch(search: string): PublishedFilters {
  const p = new URLSearchParams(search);
  const get = (k: string) => (p.get(k) ?? '').trim();
  const actingAs = get('actingAs');
  const invited = get('invited');
  const sort = get('sort');
  const f: PublishedFilters = {
    q: get('q').slice(0, 500),
    actingAs: (ACTING_AS as readonly string[]).includes(actingAs) ? (actingAs as ActingAs) : '',
    invited: invited === 'true' || invited === 'false' ? invited : '',
    scenario: KEY.test(get('scenario')) ? get('scenario') : '',
    from: isDay(get('from')) ? get('from') : '',
    to: isDay(get('to')) ? get('to') : '',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as PublishedSort) : 'newest',
  };
  return normalise(f);
}

/** Relevance needs words to rank by; dates given the wrong way round are swapped. */
export function normalise(f: PublishedFilters): PublishedFilters {
  const q = f.q.trim();
  const swap = f.from && f.to && f.from > f.to;
  return {
    ...f,
    q,
    from: swap ? f.to : f.from,
    to: swap ? f.from : f.to,
    sort: f.sort === 'relevance' && !q ? 'newest' : f.sort,
  };
}

/** The query string for the address: `''` or `?…`, defaults left out, in a fixed order. */
export function searchFromFilters(f: PublishedFilters): string {
  const n = normalise(f);
  const p = new URLSearchParams();
  for (const k of ['q', 'scenario', 'actingAs', 'invited', 'from', 'to'] as const) if (n[k]) p.set(k, n[k]);
  if (n.sort !== 'newest') p.set('sort', n.sort);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Whether anything narrows the list (for "no match" against "none published yet"). */
export const isFiltered = (f: PublishedFilters): boolean =>
  !!(f.q || f.actingAs || f.invited || f.scenario || f.from || f.to);

/** The API's query: the scenario key turned into its id (an unknown key matches nothing). */
export function toApiQuery(f: PublishedFilters, scenarios: readonly { id: string; key: string }[]): PublicQuery {
  const n = normalise(f);
  const scenario = n.scenario
    ? (scenarios.find((s) => s.key === n.scenario)?.id ?? '00000000-0000-0000-0000-000000000000')
    : undefined;
  return {
    q: n.q || undefined,
    actingAs: n.actingAs || undefined,
    invited: n.invited || undefined,
    scenario,
    from: n.from || undefined,
    to: n.to || undefined,
    sort: n.sort === 'newest' ? undefined : n.sort,
  };
}
