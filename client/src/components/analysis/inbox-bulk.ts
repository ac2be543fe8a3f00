import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { InboxItem } from '../../api/inbox.ts';
import { t } from '../../i18n/i18n.ts';
import { alert, errorAlert } from '../alerts.ts';

/** What a bulk action sets: a status, an assignee (null unassigns), or both. */
export type BulkChange = { status?: InboxItem['status']; assigneeId?: string | null };
/** The last bulk action's outcome; `err: null` means nothing was selected. */
export type BulkResult = { ok: true; count: number } | { ok: false; err: unknown } | null;

export type InboxBulkOpts = {
  allSelected: boolean;
  count: number;
  /** The signed-in user's id, for "Assign to me". */
  meId: string | undefined;
  busy: boolean;
  result: BulkResult;
  onSelectAll: (on: boolean) => void;
  onBulk: (change: BulkChange) => void;
};

/**
 * The actions on the selected items (issue 11 story 5): select all shown, how many are selected,
 * assign to me, unassign, mark in progress, mark analysed, and the outcome (announced). The
 * buttons stay reachable with nothing selected and then say to select first.
 */
export function inboxBulkBar(o: InboxBulkOpts) {
  const button = (id: string, label: string, change: BulkChange) =>
    html`<button
      type="button"
      class="button button-secondary"
      id=${id}
      ?disabled=${o.busy}
      @click=${() => o.onBulk(change)}
    >
      ${label}
    </button>`;
  const r = o.result;
  return html`<fieldset class="sr-fieldset" id="inbox-bulk">
    <legend>${t('inbox.bulk')}</legend>
    <div class="form-group-checkbox">
      <input
        type="checkbox"
        class="form-checkbox"
        id="inbox-select-all"
        .checked=${live(o.allSelected)}
        @change=${(e: Event) => o.onSelectAll((e.target as HTMLInputElement).checked)}
      />
      <label class="form-label" for="inbox-select-all">${t('inbox.selectAll')}</label>
    </div>
    <p id="inbox-selected">${t('inbox.selected', { count: o.count })}</p>
    <p class="sr-actions">
      ${o.meId ? button('inbox-assign-me', t('inbox.assignMe'), { assigneeId: o.meId }) : nothing}
      ${button('inbox-unassign', t('inbox.unassign'), { assigneeId: null })}
      ${button('inbox-in-progress', t('inbox.markInProgress'), { status: 'in_progress' })}
      ${button('inbox-analysed', t('inbox.markAnalysed'), { status: 'analysed' })}
    </p>
    ${
      r === null
        ? nothing
        : r.ok
          ? alert('success', t('inbox.updated', { count: r.count }), { id: 'inbox-action-result' })
          : r.err === null
            ? alert('warning', t('inbox.noneSelected'), { id: 'inbox-action-result' })
            : errorAlert(r.err, { id: 'inbox-action-result' })
    }
  </fieldset>`;
}
