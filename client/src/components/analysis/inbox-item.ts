import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { InboxItem } from '../../api/inbox.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { sourceLabel } from './source-label.ts';

export type InboxItemOpts = {
  selected: boolean;
  onSelect: (checked: boolean) => void;
  /** The signed-in user's id, to say "Assigned to you". */
  meId: string | undefined;
  names: ReadonlyMap<string, string>;
  /** The view has a search: an item without a highlight matched in a file. */
  searching: boolean;
};

const STATUS_VARIANT: Record<InboxItem['status'], string> = {
  new: 'badge-info',
  in_progress: 'badge-warning',
  analysed: 'badge-success',
};

function assignment(item: InboxItem, o: InboxItemOpts): string {
  if (!item.assigneeId) return t('inbox.unassigned');
  if (item.assigneeId === o.meId) return t('inbox.assignedToMe');
  return t('inbox.assignedTo', { name: o.names.get(item.assigneeId) ?? t('inbox.assignee.other') });
}

/**
 * The item's page, with the inbox's view (its query string) as `from`, so the page can lead back to
 * the same view and step to the next and previous item in it. The inbox is at location.pathname.
 */
const itemPageHref = (item: InboxItem): string =>
  `${location.pathname.replace(/\/$/, '')}/${encodeURIComponent(item.kind)}/${encodeURIComponent(item.id)}?from=${encodeURIComponent(location.search)}`;

/**
 * One input item of the inbox: a checkbox to select it, its kind and status as badges (the text
 * carries the meaning), author, date and assignment, then the search hit or the start of its text.
 * The item's own text is rendered as text; only the server's highlight is inserted as HTML, because
 * the server escapes it entirely and adds nothing but `<mark>` (as the public responses page does).
 */
export function inboxItemCard(item: InboxItem, i: number, o: InboxItemOpts) {
  const box = `inbox-select-${i}`;
  const title = html`<a href=${itemPageHref(item)} id="inbox-item-${i}-link">${item.author}</a>`;
  const source = item.sourceStatus === 'submitted' || item.sourceStatus === 'visible' ? null : item.sourceStatus;
  return html`<li class="sr-response-item sr-inbox-item" id="inbox-item-${i}" data-id=${item.id} data-kind=${item.kind}>
    <article class="sr-card sr-response-card" aria-labelledby="inbox-item-${i}-title">
      <div class="form-group-checkbox sr-inbox-select">
        <input
          type="checkbox"
          class="form-checkbox"
          id=${box}
          .checked=${live(o.selected)}
          @change=${(e: Event) => o.onSelect((e.target as HTMLInputElement).checked)}
        />
        <label class="form-label" for=${box}
          >${t('inbox.select')}<span class="sr-only">: ${item.author}, ${t(`inbox.kind.${item.kind}`)}</span></label
        >
      </div>
      <h3 class="h4 sr-card-title" id="inbox-item-${i}-title">${title}</h3>
      <p class="sr-response-meta">
        <span class="badge sr-inbox-kind">${t(`inbox.kind.${item.kind}`)}</span>
        <span class="badge ${STATUS_VARIANT[item.status]} sr-inbox-status" data-status=${item.status}
          >${t(`inbox.status.${item.status}`)}</span
        >
        ${item.needsReview ? html`<span class="badge badge-warning">${t('inbox.needsReviewBadge')}</span>` : nothing}
        ${
          item.campaign
            ? html`<a
                class="sr-inbox-campaign"
                href="/admin/consultations/${item.consultationId}/campaigns/${item.campaign.id}"
                >${t('campaigns.inbox.badge', { count: item.campaign.memberCount })}</a
              >`
            : nothing
        }
      </p>
      <p class="sr-response-meta">
        <time datetime=${item.receivedAt}
          >${
            // A stakeholder input's date is the day of the meeting (issue 13 story 4), not a time of arrival.
            item.kind === 'stakeholder_input' ? formatDate(item.receivedAt) : formatDateTime(item.receivedAt)
          }</time
        >
        ${item.actingAs ? html` · ${t(`inbox.actingAs.${item.actingAs}`)}` : nothing}
        ${item.invited ? html` · ${t('inbox.invited.true')}` : nothing}
        ${item.channel && item.channel !== 'web' ? html` · ${t(`inbox.channel.${item.channel}`)}` : nothing}
        ${item.hasAttachments ? html` · ${t('inbox.withAttachments')}` : nothing}
        ${source ? html` · <strong>${sourceLabel(item.kind, source)}</strong>` : nothing} ·
        <span class="sr-inbox-assignee">${assignment(item, o)}</span>
      </p>
      ${
        item.highlight
          ? html`<p class="sr-highlight">
              <span class="sr-highlight-label">${t('inbox.hit')}</span>
              ${unsafeHTML(item.highlight)}
            </p>`
          : html`${o.searching ? html`<p class="sr-highlight-label">${t('inbox.hitInFile')}</p>` : nothing}
              <p class="sr-response-body sr-inbox-excerpt">${item.excerpt}</p>`
      }
    </article>
  </li>`;
}
