import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Ballot } from '../../api/ballots.ts';
import { newIdempotencyKey } from '../../data/idempotency.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { alert, errorMessage } from '../alerts.ts';
import { confirmGroup } from '../confirm.ts';
import { icon } from '../icons.ts';
import {
  dropOn,
  fromRanks,
  moveDown,
  moveToRank,
  moveUp,
  rankOf,
  setTied,
  tiedWith,
  tiedWithAbove,
  toRanks,
  type BallotModel,
  type RankEntry,
} from '../../data/ballot-model.ts';
import { BallotDragController } from './ballot-drag.ts';
import { SrBallotChangedEvent } from './events.ts';
import './debate.css';

export type BallotScenario = { id: string; key: string; title: { da: string; en: string } };

type Control = 'up' | 'down' | 'rank' | 'tie';
const CONTROL_CLASS: Record<Control, string> = {
  up: '.sr-ballot-up',
  down: '.sr-ballot-down',
  rank: '.sr-ballot-select',
  tie: '.sr-ballot-tie',
};

/**
 * The ranked ballot: the ranked scenarios as an ordered list and the unranked ones in a group of
 * their own. Keyboard first — per scenario "Move up", "Move down", a "Rank" select and a "Same rank
 * as the one above" checkbox, each move announced — and drag and drop with the mouse or touch
 * (ballot-drag.ts). Saves and deletes through the page's `saveBallot` and `deleteBallot` callbacks.
 *
 * @fires sr-ballot-changed - after saving (the ballot) or deleting (null)
 */
@customElement('sr-ballot-editor')
export class SrBallotEditor extends SrLightElement {
  /**
   * Saves the ranks (the page calls the API; the key is the same for a retried attempt and new
   * after any change). The editor does no I/O itself (issue 9 item 4).
   */
  @property({ attribute: false }) saveBallot: (ranks: RankEntry[], idempotencyKey: string) => Promise<Ballot> = () =>
    Promise.reject(new Error('sr-ballot-editor: no save callback'));
  /** Deletes the ballot (the page calls the API). */
  @property({ attribute: false }) deleteBallot: () => Promise<void> = () =>
    Promise.reject(new Error('sr-ballot-editor: no remove callback'));
  @property({ attribute: false }) scenarios: BallotScenario[] = [];
  @property({ attribute: false }) ballot: Ballot | null = null;
  @property({ type: Boolean }) readOnly = false;
  @state() private _model: BallotModel = { tiers: [], unranked: [] };
  @state() private _dirty = false;
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _confirmDelete = false;
  private readonly _drag = new BallotDragController(this, (id, target) => this._onDrop(id, target));
  private _key: string | null = null;

  private get _order(): string[] {
    return this.scenarios.map((s) => s.id);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('ballot') || changed.has('scenarios')) {
      this._model = fromRanks(this._order, this.ballot?.ranks ?? []);
      this._dirty = false;
    }
  }

  protected override updated(): void {
    // A select the user has changed no longer follows its options' `selected`: set its value.
    for (const sel of this.querySelectorAll<HTMLSelectElement>('select.sr-ballot-select')) {
      const id = sel.closest<HTMLElement>('[data-scenario-id]')?.dataset['scenarioId'] ?? '';
      const rank = rankOf(this._model, id);
      sel.value = rank === null ? '' : String(rank);
    }
  }

  private _s(id: string): BallotScenario {
    return this.scenarios.find((s) => s.id === id)!;
  }

  /** What a move did, for the live region: "S2 moved to rank 1", "S3 tied with S1 at rank 2". */
  private _describe(m: BallotModel, id: string): string {
    const key = this._s(id).key;
    const rank = rankOf(m, id);
    if (rank === null) return t('ballot.movedUnranked', { key });
    const others = tiedWith(m, id);
    if (others.length) {
      return t('ballot.movedTied', { key, others: others.map((o) => this._s(o).key).join(', '), rank });
    }
    return t('ballot.movedTo', { key, rank });
  }

  private async _apply(next: BallotModel, id: string, focus?: Control): Promise<void> {
    if (next === this._model) return;
    this._model = next;
    this._dirty = true;
    this._key = null;
    this._error = '';
    announce(this._describe(next, id));
    if (!focus) return;
    await this.updateComplete;
    const row = this.querySelector(`[data-scenario-id="${id}"]`);
    const order: Control[] =
      focus === 'up' ? ['up', 'down', 'rank'] : focus === 'down' ? ['down', 'up', 'rank'] : [focus];
    for (const c of order) {
      const el = row?.querySelector<HTMLButtonElement | HTMLSelectElement | HTMLInputElement>(CONTROL_CLASS[c]);
      if (el && !el.disabled) {
        el.focus();
        return;
      }
    }
  }

  private async _onSave(): Promise<void> {
    if (this._busy) return;
    const ranks = toRanks(this._model);
    if (!ranks.length) {
      this._error = t('ballot.nothingRanked');
      return;
    }
    this._key ??= newIdempotencyKey();
    this._busy = true;
    this._error = '';
    try {
      const saved = await this.saveBallot(ranks, this._key);
      this._key = null;
      this.ballot = saved;
      announce(t('ballot.savedAt', { time: formatDateTime(saved.updatedAt) }));
      this.dispatchEvent(new SrBallotChangedEvent(saved));
    } catch (err) {
      this._error = errorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private async _onDelete(): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      await this.deleteBallot();
      this._confirmDelete = false;
      this.ballot = null;
      announce(t('ballot.deleted'));
      this.dispatchEvent(new SrBallotChangedEvent(null));
      await this.updateComplete;
      this.querySelector<HTMLElement>('#ballot-heading')?.focus();
    } catch (err) {
      this._error = errorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  /** A drop from the drag controller: onto a scenario (its place), the list's end, or the unranked group. */
  private _onDrop(id: string, target: string): void {
    if (!this._order.includes(id)) return;
    void this._apply(dropOn(this._model, id, target === 'end' ? null : target, this._order), id);
  }

  private _item(id: string, ranked: boolean) {
    const s = this._s(id);
    const m = this._model;
    const rank = rankOf(m, id);
    const tied = tiedWithAbove(m, id);
    const flat = m.tiers.flat();
    const first = flat[0] === id && !tied;
    const n = this.scenarios.length;
    const title = html`<span class="sr-key">${s.key}</span> <span lang=${locLang(s.title)}>${loc(s.title)}</span>`;
    const classes = [
      'sr-ballot-item',
      tied ? 'sr-tied' : '',
      this._drag.dragId === id ? 'sr-dragging' : '',
      this._drag.dropTarget === id ? 'sr-drop-target' : '',
    ].join(' ');
    if (this.readOnly) {
      return html`<li class=${classes} data-scenario-id=${id} data-key=${s.key}>
        <span class="sr-ballot-rank">${rank === null ? '–' : t('ballot.rankShort', { rank })}</span>
        <span class="sr-ballot-title">${title}</span>
      </li>`;
    }
    return html`<li
      class=${classes}
      data-scenario-id=${id}
      data-key=${s.key}
      data-drop=${id}
      draggable="true"
      @dragstart=${(e: DragEvent) => this._drag.dragStart(e, id)}
      @dragend=${() => this._drag.dragEnd()}
      @dragover=${(e: DragEvent) => this._drag.dragOver(e, id)}
      @drop=${(e: DragEvent) => this._drag.drop(e, id)}
    >
      <span
        class="sr-drag-handle"
        aria-hidden="true"
        title=${t('ballot.dragHint')}
        @pointerdown=${(e: PointerEvent) => this._drag.pointerDown(e, id)}
        @pointermove=${this._drag.pointerMove}
        @pointerup=${this._drag.pointerUp}
        @pointercancel=${this._drag.pointerCancel}
        >⠿</span
      >
      <span class="sr-ballot-rank" aria-hidden="true">${rank === null ? '–' : tied ? `=${rank}` : `${rank}.`}</span>
      <span class="sr-ballot-title" id="ballot-title-${s.key}">${title}</span>
      <span class="sr-ballot-controls">
        <button
          type="button"
          class="button button-secondary button-small sr-ballot-up"
          id="ballot-${s.key}-up"
          ?disabled=${first}
          @click=${() => void this._apply(moveUp(m, id), id, 'up')}
        >
          ${ranked ? icon('arrow-upward', 'sr-icon-up') : icon('arrow-downward', 'sr-icon-down')}${
            ranked ? t('ballot.moveUp') : t('ballot.rankLast')
          }<span class="sr-only">: ${s.key}</span>
        </button>
        ${
          ranked
            ? html`<button
                type="button"
                class="button button-secondary button-small sr-ballot-down"
                id="ballot-${s.key}-down"
                @click=${() => void this._apply(moveDown(m, id, this._order), id, 'down')}
              >
                ${icon('arrow-downward', 'sr-icon-down')}${t('ballot.moveDown')}<span class="sr-only">: ${s.key}</span>
              </button>`
            : nothing
        }
        <span class="form-group">
          <label class="sr-only" for="ballot-${s.key}-rank">${t('ballot.rankLabel', { key: s.key })}</label>
          <select
            class="form-select sr-ballot-select"
            id="ballot-${s.key}-rank"
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              void this._apply(moveToRank(m, id, v ? Number(v) : null, this._order), id, 'rank');
            }}
          >
            ${Array.from(
              { length: n },
              (_, i) =>
                html`<option value=${i + 1} ?selected=${rank === i + 1}>
                  ${t('ballot.rankOption', { rank: i + 1 })}
                </option>`,
            )}
            <option value="" ?selected=${rank === null}>${t('ballot.unranked')}</option>
          </select>
        </span>
        ${
          ranked && flat[0] !== id
            ? html`<span class="form-group-checkbox">
                <input
                  type="checkbox"
                  class="form-checkbox sr-ballot-tie"
                  id="ballot-${s.key}-tie"
                  .checked=${tied}
                  @change=${(e: Event) =>
                    void this._apply(setTied(m, id, (e.target as HTMLInputElement).checked), id, 'tie')}
                />
                <label class="form-label" for="ballot-${s.key}-tie"
                  >${t('ballot.tie')}<span class="sr-only">: ${s.key}</span></label
                >
              </span>`
            : nothing
        }
      </span>
    </li>`;
  }

  private _savedState() {
    if (this._dirty)
      return html`<p class="sr-ballot-state" id="ballot-state"><strong>${t('ballot.unsaved')}</strong></p>`;
    if (this.ballot) {
      return html`<p class="sr-ballot-state" id="ballot-state">
        ${icon('success')} ${t('ballot.savedAt', { time: formatDateTime(this.ballot.updatedAt) })}
      </p>`;
    }
    return html`<p class="sr-ballot-state" id="ballot-state">${t('ballot.noneYet')}</p>`;
  }

  protected override render() {
    const m = this._model;
    const flat = m.tiers.flat();
    return html`<h2 id="ballot-heading" tabindex="-1">${t('ballot.heading')}</h2>
      ${this.readOnly ? nothing : html`<p>${t('ballot.instructions')}</p>`} ${this._savedState()}
      <h3 id="ballot-ranked-heading">${t('ballot.rankedHeading')}</h3>
      <ol
        class="sr-ballot-list sr-drop-zone ${this._drag.dropTarget === 'end' ? 'sr-drop-target' : ''}"
        id="ballot-ranked"
        aria-labelledby="ballot-ranked-heading"
        data-drop="end"
        @dragover=${(e: DragEvent) => this._drag.dragOver(e, 'end')}
        @drop=${(e: DragEvent) => this._drag.drop(e, 'end')}
      >
        ${repeat(
          flat,
          (id) => id,
          (id) => this._item(id, true),
        )}
      </ol>
      ${flat.length ? nothing : html`<p class="sr-empty">${t('ballot.noneRanked')}</p>`}
      <h3 id="ballot-unranked-heading">${t('ballot.unrankedHeading')}</h3>
      <ul
        class="sr-ballot-unranked sr-drop-zone ${this._drag.dropTarget === 'unranked' ? 'sr-drop-target' : ''}"
        id="ballot-unranked"
        aria-labelledby="ballot-unranked-heading"
        data-drop="unranked"
        @dragover=${(e: DragEvent) => this._drag.dragOver(e, 'unranked')}
        @drop=${(e: DragEvent) => this._drag.drop(e, 'unranked')}
      >
        ${repeat(
          m.unranked,
          (id) => id,
          (id) => this._item(id, false),
        )}
      </ul>
      ${this._error ? alert('error', this._error, { id: 'ballot-error' }) : nothing}
      ${
        this.readOnly
          ? nothing
          : html`<div class="sr-actions">
                <button
                  type="button"
                  class="button button-primary"
                  id="ballot-save"
                  ?disabled=${this._busy}
                  @click=${() => void this._onSave()}
                >
                  ${this._busy ? t('ballot.saving') : t('ballot.save')}
                </button>
                ${
                  this.ballot && !this._confirmDelete
                    ? html`<button
                        type="button"
                        class="button button-secondary"
                        id="ballot-delete"
                        @click=${async () => {
                          this._confirmDelete = true;
                          await this.updateComplete;
                          this.querySelector<HTMLElement>('#ballot-delete-confirm')?.focus();
                        }}
                      >
                        ${t('ballot.delete')}
                      </button>`
                    : nothing
                }
              </div>
              ${
                this._confirmDelete
                  ? confirmGroup({
                      className: 'sr-ballot-confirm',
                      questionId: 'ballot-delete-q',
                      question: t('ballot.deleteQuestion'),
                      confirmId: 'ballot-delete-confirm',
                      confirmLabel: t('ballot.deleteConfirm'),
                      busy: this._busy,
                      onConfirm: () => void this._onDelete(),
                      onCancel: async () => {
                        this._confirmDelete = false;
                        await this.updateComplete;
                        this.querySelector<HTMLElement>('#ballot-delete')?.focus();
                      },
                    })
                  : nothing
              }`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-ballot-editor': SrBallotEditor;
  }
}
