/**
 * The analysis inbox's whole view as it stands in the address (issue 11 story 1): search, filters
 * and sort, so a view can be bookmarked, shared with a colleague and come back with Back. Pure:
 * a value that makes no sense is dropped, never an error. The same parameters go to the API.
 */
export const INBOX_KINDS = ['response', 'comment', 'finding', 'stakeholder_input'] as const;
export const INBOX_STATUSES = ['new', 'in_progress', 'analysed'] as const;
export const INBOX_ACTING_AS = ['citizen', 'business', 'ngo', 'public_authority', 'other'] as const;
export const INBOX_CHANNELS = ['web', 'letter', 'email'] as const;
export const INBOX_STANCES = ['for', 'against', 'neutral', 'mixed'] as const;
export const INBOX_SORTS = ['newest', 'oldest', 'relevance'] as const;

export type InboxKindValue = (typeof INBOX_KINDS)[number];
export type InboxStatusValue = (typeof INBOX_STATUSES)[number];
export type InboxActingAs = (typeof INBOX_ACTING_AS)[number];
export type InboxChannel = (typeof INBOX_CHANNELS)[number];
export type InboxStance = (typeof INBOX_STANCES)[number];
export type InboxSort = (typeof INBOX_SORTS)[number];
/** A yes/no filter: `''` means either. */
export type TriState = '' | 'true' | 'false';

export type InboxFilters = {
  q: string;
  kind: InboxKindValue[];
  actingAs: InboxActingAs[];
  /** How a response arrived (the høringsnotat's counts by channel link here). */
  channel: InboxChannel[];
  invited: TriState;
  scenario: string;
  status: InboxStatusValue[];
  /** A user id, `me`, `none` (unassigned) or `''` (anyone). */
  assignee: string;
  hasAttachments: TriState;
  needsReview: TriState;
  tag: string;
  untagged: TriState;
  stance: InboxStance | '';
  includeDeleted: boolean;
  from: string;
  to: string;
  sort: InboxSort;
  /** Members of this campaign only (issue 12). */
  campaign: string;
  /** A campaign shows once, as its template with its member count. */
  campaignsCollapsed: boolean;
};

export const NO_INBOX_FILTERS: InboxFilters = {
  q: '',
  kind: [],
  actingAs: [],
  channel: [],
  invited: '',
  scenario: '',
  status: [],
  assignee: '',
  hasAttachments: '',
  needsReview: '',
  tag: '',
  untagged: '',
  stance: '',
  includeDeleted: false,
  from: '',
  to: '',
  sort: 'newest',
  campaign: '',
  campaignsCollapsed: false,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string): boolean =>
  DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const oneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);
const tri = (v: string): TriState => (v === 'true' || v === 'false' ? v : '');

/** The chosen values of a repeatable parameter, known ones only, each once, in the list's order. */
const many = <T extends string>(list: readonly T[], values: string[]): T[] =>
  list.filter((v) => values.some((x) => x.trim() === v));

/** Reads the view from `location.search`. */
export function inboxFiltersFromSearch(search: string): InboxFilters {
  const p = new URLSearchParams(search);
  const get = (k: string) => (p.get(k) ?? '').trim();
  const assignee = get('assignee');
  const stance = get('stance');
  const sort = get('sort');
  return normaliseInbox({
    q: get('q').slice(0, 500),
    kind: many(INBOX_KINDS, p.getAll('kind')),
    actingAs: many(INBOX_ACTING_AS, p.getAll('actingAs')),
    channel: many(INBOX_CHANNELS, p.getAll('channel')),
    invited: tri(get('invited')),
    scenario: UUID.test(get('scenario')) ? get('scenario').toLowerCase() : '',
    status: many(INBOX_STATUSES, p.getAll('status')),
    assignee: assignee === 'me' || assignee === 'none' || UUID.test(assignee) ? assignee.toLowerCase() : '',
    hasAttachments: tri(get('hasAttachments')),
    needsReview: tri(get('needsReview')),
    tag: UUID.test(get('tag')) ? get('tag').toLowerCase() : '',
    untagged: tri(get('untagged')),
    stance: oneOf(INBOX_STANCES, stance) ? stance : '',
    includeDeleted: get('includeDeleted') === 'true',
    from: isDay(get('from')) ? get('from') : '',
    to: isDay(get('to')) ? get('to') : '',
    sort: oneOf(INBOX_SORTS, sort) ? sort : 'newest',
    campaign: UUID.test(get('campaign')) ? get('campaign').toLowerCase() : '',
    campaignsCollapsed: get('campaignsCollapsed') === 'true',
  });
}

/** Relevance needs words to rank by; dates the wrong way round are swapped; lists in a fixed order. */
export function normaliseInbox(f: InboxFilters): InboxFilters {
  const q = f.q.trim();
  const swap = !!f.from && !!f.to && f.from > f.to;
  return {
    ...f,
    q,
    kind: many(INBOX_KINDS, f.kind),
    actingAs: many(INBOX_ACTING_AS, f.actingAs),
    channel: many(INBOX_CHANNELS, f.channel),
    status: many(INBOX_STATUSES, f.status),
    from: swap ? f.to : f.from,
    to: swap ? f.from : f.to,
    sort: f.sort === 'relevance' && !q ? 'newest' : f.sort,
  };
}

/** The parameters in a fixed order, defaults left out; repeatable ones repeated. */
export function inboxParams(f: InboxFilters): URLSearchParams {
  const n = normaliseInbox(f);
  const p = new URLSearchParams();
  if (n.q) p.set('q', n.q);
  for (const v of n.kind) p.append('kind', v);
  for (const v of n.actingAs) p.append('actingAs', v);
  for (const v of n.channel) p.append('channel', v);
  if (n.invited) p.set('invited', n.invited);
  if (n.scenario) p.set('scenario', n.scenario);
  for (const v of n.status) p.append('status', v);
  for (const k of ['assignee', 'hasAttachments', 'needsReview', 'tag', 'untagged', 'stance'] as const)
    if (n[k]) p.set(k, n[k]);
  if (n.includeDeleted) p.set('includeDeleted', 'true');
  if (n.from) p.set('from', n.from);
  if (n.to) p.set('to', n.to);
  if (n.campaign) p.set('campaign', n.campaign);
  if (n.campaignsCollapsed) p.set('campaignsCollapsed', 'true');
  if (n.sort !== 'newest') p.set('sort', n.sort);
  return p;
}

/** The query string for the address: `''` or `?…`. */
export function inboxSearchFromFilters(f: InboxFilters): string {
  const s = inboxParams(f).toString();
  return s ? `?${s}` : '';
}

/** The view as the split route takes it (`query`: the inbox query, as in the address). */
export function inboxQueryRecord(f: InboxFilters): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of inboxParams(f)) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

/** Whether anything narrows the list (for "nothing matches" against "no input yet"). */
export const isInboxFiltered = (f: InboxFilters): boolean => {
  const { sort: _sort, ...rest } = normaliseInbox(f);
  return inboxSearchFromFilters({ ...NO_INBOX_FILTERS, ...rest }) !== '';
};

/** Adds or removes one value of a repeatable filter (kept in the list's order). */
export function toggled<T extends string>(list: readonly T[], chosen: readonly T[], value: T, on: boolean): T[] {
  return list.filter((v) => (v === value ? on : chosen.includes(v)));
}
