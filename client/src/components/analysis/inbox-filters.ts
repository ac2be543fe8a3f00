import { html } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CodebookTagRef, InboxFacets } from '../../api/inbox.ts';
import type { ScenarioSummary } from '../../api/types.ts';
import {
  INBOX_ACTING_AS,
  INBOX_CHANNELS,
  INBOX_KINDS,
  INBOX_STANCES,
  INBOX_STATUSES,
  toggled,
  type InboxFilters,
  type InboxSort,
} from '../../data/inbox-filter.ts';
import { loc, t } from '../../i18n/i18n.ts';

type Facet = { value: string | null; count: number }[];
type Option = { value: string; label: string };

export type InboxFilterFormOpts = {
  form: InboxFilters;
  /** Counts beside each filter (each counted with its own filter left out); null while loading. */
  facets: InboxFacets | null;
  scenarios: readonly ScenarioSummary[];
  tags: readonly CodebookTagRef[];
  /** Analysts to name in the assignee filter (admins see them; analysts get "me" and "nobody"). */
  people: readonly { id: string; name: string }[];
  /** The signed-in user's id: counted under "Me", not again under their name. */
  meId: string | undefined;
  onChange: (next: InboxFilters) => void;
  onSubmit: () => void;
  onClear: () => void;
};

const countOf = (facet: Facet | undefined, value: string | null): number | undefined =>
  facet ? (facet.find((f) => f.value === value)?.count ?? 0) : undefined;

/** "Label (12)" when the count is known. */
/** Whether the counts being drawn are estimated (a very large view); set by `inboxFilterForm` as it renders. */
let estimated = false;
const counted = (label: string, count: number | undefined): string =>
  count === undefined
    ? label
    : estimated
      ? t('inbox.withAboutCount', { label, count })
      : t('inbox.withCount', { label, count });

function select(id: string, label: string, value: string, options: Option[], onChange: (v: string) => void) {
  return html`<div class="form-group">
    <label class="form-label" for=${id}>${label}</label>
    <select class="form-select" id=${id} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>
  </div>`;
}

function boxes(
  id: string,
  legend: string,
  options: Option[],
  chosen: readonly string[],
  on: (v: string, c: boolean) => void,
) {
  return html`<fieldset class="form-group" id=${id}>
    <legend class="form-label">${legend}</legend>
    ${options.map(
      (o) =>
        html`<div class="form-group-checkbox">
          <input
            type="checkbox"
            class="form-checkbox"
            id="${id}-${o.value}"
            .checked=${live(chosen.includes(o.value))}
            @change=${(e: Event) => on(o.value, (e.target as HTMLInputElement).checked)}
          />
          <label class="form-label" for="${id}-${o.value}">${o.label}</label>
        </div>`,
    )}
  </fieldset>`;
}

/** A yes/no filter as a select: any, yes, no; counts from a facet keyed 'true'/'false' when there is one. */
function triSelect(
  o: InboxFilterFormOpts,
  key: 'invited' | 'hasAttachments' | 'needsReview' | 'untagged',
  facet: Facet | undefined,
) {
  const opts: Option[] = [
    { value: '', label: t('inbox.any') },
    { value: 'true', label: counted(t(`inbox.${key}.true`), countOf(facet, 'true')) },
    { value: 'false', label: counted(t(`inbox.${key}.false`), countOf(facet, 'false')) },
  ];
  return select(`inbox-${key}`, t(`inbox.f.${key}`), o.form[key], opts, (v) =>
    o.onChange({ ...o.form, [key]: v as InboxFilters[typeof key] }),
  );
}

/** Campaigns (issue 12): collapsed to one row each, and, when chosen from a campaign, its members only. */
function campaignFilters(o: InboxFilterFormOpts) {
  const box = (id: string, label: string, checked: boolean, onChange: (on: boolean) => void) =>
    html`<div class="form-group form-group-checkbox">
      <input
        type="checkbox"
        class="form-checkbox"
        id=${id}
        .checked=${live(checked)}
        @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)}
      />
      <label class="form-label" for=${id}>${label}</label>
    </div>`;
  return html`${box('inbox-campaigns-collapsed', t('campaigns.inbox.collapsed'), o.form.campaignsCollapsed, (on) =>
    o.onChange({ ...o.form, campaignsCollapsed: on }),
  )}
  ${
    o.form.campaign
      ? box('inbox-campaign', t('campaigns.inbox.only'), true, (on) =>
          o.onChange({ ...o.form, campaign: on ? o.form.campaign : '' }),
        )
      : ''
  }`;
}

function dates(o: InboxFilterFormOpts) {
  const input = (key: 'from' | 'to') =>
    html`<div class="form-group">
      <label class="form-label" for="inbox-${key}">${t(`inbox.f.${key}`)}</label>
      <input
        class="form-input sr-date-input"
        type="date"
        id="inbox-${key}"
        .value=${live(o.form[key])}
        @change=${(e: Event) => o.onChange({ ...o.form, [key]: (e.target as HTMLInputElement).value })}
      />
    </div>`;
  return html`<fieldset class="sr-date-range">
    <legend class="form-label">${t('inbox.f.dates')}</legend>
    ${input('from')} ${input('to')}
  </fieldset>`;
}

function assigneeOptions(o: InboxFilterFormOpts): Option[] {
  const facet = o.facets?.assignee;
  const known = new Map(o.people.map((p) => [p.id, p.name]));
  const people = (facet ?? []).flatMap((f) => (f.value === null || f.value === o.meId ? [] : [f.value]));
  if (o.form.assignee && !['me', 'none'].includes(o.form.assignee) && !people.includes(o.form.assignee))
    people.push(o.form.assignee);
  return [
    { value: '', label: t('inbox.any') },
    { value: 'me', label: counted(t('inbox.assignee.me'), o.meId ? countOf(facet, o.meId) : undefined) },
    { value: 'none', label: counted(t('inbox.assignee.none'), countOf(facet, null)) },
    ...people.map((id) => ({
      value: id,
      label: counted(known.get(id) ?? `${t('inbox.assignee.other')} (${id.slice(0, 8)})`, countOf(facet, id)),
    })),
  ];
}

/**
 * The inbox's search and filters (issue 11 story 1) as one search form: each filter a labelled
 * control or a fieldset with a legend, its facet count in its label, applied with "Show" (a
 * change of a control never reloads the list by itself).
 */
export function inboxFilterForm(o: InboxFilterFormOpts) {
  const f = o.form;
  const fc = o.facets;
  estimated = fc?.estimated ?? false;
  const set = (next: Partial<InboxFilters>) => o.onChange({ ...f, ...next });
  const sorts: InboxSort[] = f.q.trim() ? ['newest', 'oldest', 'relevance'] : ['newest', 'oldest'];
  return html`<form
    class="sr-filters"
    role="search"
    id="inbox-search"
    aria-labelledby="inbox-search-heading"
    @submit=${(e: Event) => {
      e.preventDefault();
      o.onSubmit();
    }}
  >
    <div class="form-group">
      <label class="form-label" for="inbox-q">${t('inbox.search')}</label>
      <span class="form-hint" id="inbox-q-hint">${t('inbox.searchHint')}</span>
      <input
        class="form-input"
        type="search"
        id="inbox-q"
        maxlength="500"
        aria-describedby="inbox-q-hint"
        .value=${live(f.q)}
        @input=${(e: Event) => set({ q: (e.target as HTMLInputElement).value })}
      />
    </div>
    ${select(
      'inbox-sort',
      t('inbox.sort'),
      f.sort,
      sorts.map((v) => ({ value: v, label: t(`inbox.sort.${v}`) })),
      (v) => set({ sort: v as InboxSort }),
    )}
    <fieldset class="sr-fieldset">
      <legend>${t('inbox.filters')}</legend>
      ${boxes(
        'inbox-kind',
        t('inbox.f.kind'),
        INBOX_KINDS.map((k) => ({ value: k, label: counted(t(`inbox.kind.${k}`), countOf(fc?.kind, k)) })),
        f.kind,
        (v, on) => set({ kind: toggled(INBOX_KINDS, f.kind, v as (typeof INBOX_KINDS)[number], on) }),
      )}
      ${boxes(
        'inbox-status',
        t('inbox.f.status'),
        INBOX_STATUSES.map((s) => ({ value: s, label: counted(t(`inbox.status.${s}`), countOf(fc?.status, s)) })),
        f.status,
        (v, on) => set({ status: toggled(INBOX_STATUSES, f.status, v as (typeof INBOX_STATUSES)[number], on) }),
      )}
      ${select('inbox-assignee', t('inbox.f.assignee'), f.assignee, assigneeOptions(o), (v) => set({ assignee: v }))}
      ${boxes(
        'inbox-acting-as',
        t('inbox.f.actingAs'),
        INBOX_ACTING_AS.map((a) => ({
          value: a,
          label: counted(t(`inbox.actingAs.${a}`), countOf(fc?.actingAs, a)),
        })),
        f.actingAs,
        (v, on) => set({ actingAs: toggled(INBOX_ACTING_AS, f.actingAs, v as (typeof INBOX_ACTING_AS)[number], on) }),
      )}
      ${boxes(
        'inbox-channel',
        t('inbox.f.channel'),
        INBOX_CHANNELS.map((c) => ({ value: c, label: t(`inbox.channel.${c}`) })),
        f.channel,
        (v, on) => set({ channel: toggled(INBOX_CHANNELS, f.channel, v as (typeof INBOX_CHANNELS)[number], on) }),
      )}
      ${triSelect(o, 'invited', fc?.invited)}
      ${select(
        'inbox-scenario',
        t('inbox.f.scenario'),
        f.scenario,
        [
          { value: '', label: t('inbox.any') },
          ...o.scenarios.map((s) => ({
            value: s.id,
            label: counted(`${s.key}: ${loc(s.title)}`, countOf(fc?.scenario, s.id)),
          })),
        ],
        (v) => set({ scenario: v }),
      )}
      ${triSelect(o, 'hasAttachments', fc?.hasAttachments)} ${triSelect(o, 'needsReview', undefined)}
      ${triSelect(o, 'untagged', undefined)}
      ${select(
        'inbox-tag',
        t('inbox.f.tag'),
        f.tag,
        [
          { value: '', label: t('inbox.any') },
          ...o.tags.map((tag) => ({ value: tag.id, label: `${'— '.repeat(tag.depth - 1)}${loc(tag.name)}` })),
        ],
        (v) => set({ tag: v }),
      )}
      ${select(
        'inbox-stance',
        t('inbox.f.stance'),
        f.stance,
        [
          { value: '', label: t('inbox.any') },
          ...INBOX_STANCES.map((s) => ({ value: s, label: t(`inbox.stance.${s}`) })),
        ],
        (v) => set({ stance: v as InboxFilters['stance'] }),
      )}
      ${campaignFilters(o)} ${dates(o)}
      <div class="form-group form-group-checkbox">
        <input
          type="checkbox"
          class="form-checkbox"
          id="inbox-includeDeleted"
          .checked=${live(f.includeDeleted)}
          @change=${(e: Event) => set({ includeDeleted: (e.target as HTMLInputElement).checked })}
        />
        <label class="form-label" for="inbox-includeDeleted">${t('inbox.f.includeDeleted')}</label>
      </div>
    </fieldset>
    <p class="sr-actions">
      <button type="submit" class="button button-primary" id="inbox-apply">${t('inbox.apply')}</button>
      <button type="button" class="button button-tertiary" id="inbox-clear" @click=${o.onClear}>
        ${t('inbox.clear')}
      </button>
    </p>
  </form>`;
}
