import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { InboxItemDetail } from '../../api/inbox-item.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { t } from '../../i18n/i18n.ts';

export type WorkflowChange = { status?: 'new' | 'in_progress' | 'analysed'; assigneeId?: string | null };

export type ItemWorkflowOpts = {
  workflow: InboxItemDetail['workflow'];
  meId: string | undefined;
  busy: boolean;
  result: { ok: true; message: string } | { ok: false; err: unknown } | null;
  onChange: (change: WorkflowChange) => void;
};

const STATUS_VARIANT = { new: 'badge-info', in_progress: 'badge-warning', analysed: 'badge-success' } as const;

/** The item's status and assignee in words, with buttons: in progress, analysed, assign to me. */
export function itemWorkflow(o: ItemWorkflowOpts) {
  const w = o.workflow;
  if (!w) return html`<p class="form-hint" id="item-workflow-pending">${t('item.workflow.pending')}</p>`;
  const assignee = !w.assigneeId
    ? t('inbox.unassigned')
    : w.assigneeId === o.meId
      ? t('inbox.assignedToMe')
      : t('item.workflow.assignedOther');
  return html`<section class="sr-section" aria-labelledby="item-workflow-heading">
    <h2 class="h3" id="item-workflow-heading">${t('item.workflow')}</h2>
    <p id="item-workflow-state">
      <span class="badge ${STATUS_VARIANT[w.status]}" id="item-status" data-status=${w.status}
        >${t(`inbox.status.${w.status}`)}</span
      >
      · <span id="item-assignee">${assignee}</span>
      ${w.needsReview ? html` · <span class="badge badge-warning">${t('inbox.needsReviewBadge')}</span>` : nothing}
    </p>
    <div class="sr-actions">
      <button
        type="button"
        class="button button-secondary"
        id="item-in-progress"
        ?disabled=${o.busy || w.status === 'in_progress'}
        @click=${() => o.onChange({ status: 'in_progress' })}
      >
        ${t('item.workflow.inProgress')}
      </button>
      <button
        type="button"
        class="button button-secondary"
        id="item-analysed"
        ?disabled=${o.busy || w.status === 'analysed'}
        @click=${() => o.onChange({ status: 'analysed' })}
      >
        ${t('item.workflow.analysed')}
      </button>
      ${
        o.meId && w.assigneeId !== o.meId
          ? html`<button
              type="button"
              class="button button-tertiary"
              id="item-assign-me"
              ?disabled=${o.busy}
              @click=${() => o.onChange({ assigneeId: o.meId! })}
            >
              ${t('item.workflow.assignMe')}
            </button>`
          : nothing
      }
    </div>
    <div id="item-workflow-result">
      ${o.result?.ok ? alert('success', o.result.message) : o.result ? errorAlert(o.result.err) : nothing}
    </div>
  </section>`;
}

/** The shortcuts in words, and the switch that turns the single-key ones off (WCAG 2.1.4). */
export function itemKeysToggle(on: boolean, onToggle: (on: boolean) => void) {
  return html`<details class="sr-item-keys" id="item-keys-help">
    <summary>${t('item.keys.heading')}</summary>
    <p>${t('item.keys.list')}</p>
    <div class="form-group-checkbox">
      <input
        type="checkbox"
        class="form-checkbox"
        id="item-keys"
        .checked=${live(on)}
        @change=${(e: Event) => onToggle((e.target as HTMLInputElement).checked)}
      />
      <label class="form-label" for="item-keys">${t('item.keys.on')}</label>
    </div>
  </details>`;
}
