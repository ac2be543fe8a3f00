import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { alert, errorAlert } from '../alerts.ts';
import { t } from '../../i18n/i18n.ts';

export type SplitResult =
  { ok: true; assigned: { assigneeId: string; items: number }[] } | { ok: false; err: unknown } | null;

export type InboxSplitOpts = {
  people: readonly { id: string; name: string }[];
  chosen: ReadonlySet<string>;
  busy: boolean;
  result: SplitResult;
  onToggle: (id: string, on: boolean) => void;
  onSplit: () => void;
};

/**
 * "Split this view evenly among these analysts" (issue 11 story 5): a fieldset of the analysts
 * with a checkbox each and one button; the result says how many items each was given. Every item
 * of the view counts, not only the page shown. For admins, who may list the staff accounts.
 */
export function inboxSplitForm(o: InboxSplitOpts) {
  const names = new Map(o.people.map((p) => [p.id, p.name]));
  const r = o.result;
  return html`<fieldset class="sr-fieldset" id="inbox-split" aria-describedby="inbox-split-hint">
    <legend>${t('inbox.split')}</legend>
    <span class="form-hint" id="inbox-split-hint">${t('inbox.split.hint')}</span>
    ${o.people.map(
      (p) =>
        html`<div class="form-group-checkbox">
          <input
            type="checkbox"
            class="form-checkbox"
            id="inbox-split-${p.id}"
            .checked=${live(o.chosen.has(p.id))}
            @change=${(e: Event) => o.onToggle(p.id, (e.target as HTMLInputElement).checked)}
          />
          <label class="form-label" for="inbox-split-${p.id}">${p.name}</label>
        </div>`,
    )}
    <p class="sr-actions">
      <button
        type="button"
        class="button button-secondary"
        id="inbox-split-submit"
        ?disabled=${o.busy}
        @click=${o.onSplit}
      >
        ${t('inbox.split.submit')}
      </button>
    </p>
    ${
      r === null
        ? nothing
        : r.ok
          ? alert(
              'success',
              t('inbox.split.done', {
                parts: r.assigned
                  .map((a) => t('inbox.withCount', { label: names.get(a.assigneeId) ?? a.assigneeId, count: a.items }))
                  .join(', '),
              }),
              { id: 'inbox-split-result' },
            )
          : r.err === null
            ? alert('warning', t('inbox.split.choose'), { id: 'inbox-split-result' })
            : errorAlert(r.err, { id: 'inbox-split-result' })
    }
  </fieldset>`;
}
