import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { deleteBallot, putBallot, type Ballot } from '../../api/ballots.ts';
import { newIdempotencyKey } from '../../api/comments.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/debate.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { alert, errorMessage } from '../alerts.ts';
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
} from '../../data/ballot-model.ts';
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
 * as the one above" checkbox, each move announced — and drag and drop with the mouse (native HTML5
 * drag and drop) or touch (pointer events on the handle). Saves with PUT and an Idempotency-Key.
 *
 * @fires sr-ballot-changed - after saving (the ballot) or deleting (null)
 */
@customElement('sr-ballot-editor')
export class SrBallotEditor extends SrLightElement {
  @property({ attribute: false }) consultationId = '';
  @property({ attribute: false }) scenarios: BallotScenario[] = [];
  @property({ attribute: false }) ballot: Ballot | null = null;
  @property({ type: Boolean }) readOnly = false;
  @state() private _model: BallotModel = { tiers: [], unranked: [] };
  @state() private _dirty = false;
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _confirmDelete = false;
  @state() private _dragId: string | null = null;
  @state() private _dropTarget: string | null = null;
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
      const saved = await putBallot(this.consultationId, ranks, this._key);
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
      await deleteBallot(this.consultationId);
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

  // Drag and drop: native (mouse) and pointer events (touch, pen), both ending in dropOn().
  private _onDragStart(e: DragEvent, id: string): void {
    this._dragId = id;
    e.dataTransfer?.setData('text/plain', id);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  }

  private _onDragOver(e: DragEvent, target: string): void {
    if (!this._dragId) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
    this._dropTarget = target;
  }

  private _onDrop(e: DragEvent, target: string): void {
    e.preventDefault();
    e.stopPropagation();
    const id = this._dragId ?? e.dataTransfer?.getData('text/plain') ?? null;
    this._finishDrag(id, target);
  }

  private _finishDrag(id: string | null, target: string | null): void {
    this._dragId = null;
    this._dropTarget = null;
    if (!id || target === null || !this._order.includes(id)) return;
    const to = target === 'end' ? null : target;
    void this._apply(dropOn(this._model, id, to, this._order), id);
  }

  private _targetAt(x: number, y: number): string | null {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-drop]');
    return el && this.contains(el) ? el.dataset['drop']! : null;
  }

  private _onPointerDown(e: PointerEvent, id: string): void {
    if (e.pointerType === 'mouse') return; // The mouse uses native drag and drop.
    e.preventDefault();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    this._dragId = id;
  }

  private _onPointerMove(e: PointerEvent): void {
    if (!this._dragId || e.pointerType === 'mouse') return;
    this._dropTarget = this._targetAt(e.clientX, e.clientY);
  }

  private _onPointerUp(e: PointerEvent): void {
    if (!this._dragId || e.pointerType === 'mouse') return;
    this._finishDrag(this._dragId, this._targetAt(e.clientX, e.clientY));
  }

  /** The system took the touch back (a gesture, a call): the drag ends where it began. */
  private _onPointerCancel(e: PointerEvent): void {
    if (e.pointerType === 'mouse') return;
    this._finishDrag(null, null);
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
      this._dragId === id ? 'sr-dragging' : '',
      this._dropTarget === id ? 'sr-drop-target' : '',
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
      @dragstart=${(e: DragEvent) => this._onDragStart(e, id)}
      @dragend=${() => ((this._dragId = null), (this._dropTarget = null))}
      @dragover=${(e: DragEvent) => this._onDragOver(e, id)}
      @drop=${(e: DragEvent) => this._onDrop(e, id)}
    >
      <span
        class="sr-drag-handle"
        aria-hidden="true"
        title=${t('ballot.dragHint')}
        @pointerdown=${(e: PointerEvent) => this._onPointerDown(e, id)}
        @pointermove=${this._onPointerMove}
        @pointerup=${this._onPointerUp}
        @pointercancel=${this._onPointerCancel}
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
          ${icon('arrow-upward')}${ranked ? t('ballot.moveUp') : t('ballot.rankLast')}<span class="sr-only"
            >: ${s.key}</span
          >
        </button>
        ${
          ranked
            ? html`<button
                type="button"
                class="button button-secondary button-small sr-ballot-down"
                id="ballot-${s.key}-down"
                @click=${() => void this._apply(moveDown(m, id, this._order), id, 'down')}
              >
                ${icon('arrow-downward')}${t('ballot.moveDown')}<span class="sr-only">: ${s.key}</span>
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
        class="sr-ballot-list sr-drop-zone ${this._dropTarget === 'end' ? 'sr-drop-target' : ''}"
        id="ballot-ranked"
        aria-labelledby="ballot-ranked-heading"
        data-drop="end"
        @dragover=${(e: DragEvent) => this._onDragOver(e, 'end')}
        @drop=${(e: DragEvent) => this._onDrop(e, 'end')}
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
        class="sr-ballot-unranked sr-drop-zone ${this._dropTarget === 'unranked' ? 'sr-drop-target' : ''}"
        id="ballot-unranked"
        aria-labelledby="ballot-unranked-heading"
        data-drop="unranked"
        @dragover=${(e: DragEvent) => this._onDragOver(e, 'unranked')}
        @drop=${(e: DragEvent) => this._onDrop(e, 'unranked')}
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
                  ? html`<div class="sr-ballot-confirm" role="group" aria-labelledby="ballot-delete-q">
                      <p id="ballot-delete-q">${t('ballot.deleteQuestion')}</p>
                      <div class="sr-actions">
                        <button
                          type="button"
                          class="button button-primary"
                          id="ballot-delete-confirm"
                          ?disabled=${this._busy}
                          @click=${() => void this._onDelete()}
                        >
                          ${t('ballot.deleteConfirm')}
                        </button>
                        <button
                          type="button"
                          class="button button-secondary"
                          @click=${async () => {
                            this._confirmDelete = false;
                            await this.updateComplete;
                            this.querySelector<HTMLElement>('#ballot-delete')?.focus();
                          }}
                        >
                          ${t('common.cancel')}
                        </button>
                      </div>
                    </div>`
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
