import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { Task } from '@lit/task';
import {
  closeRound,
  getRound,
  POSITIONS,
  type Position,
  type Review,
  type RoundDetail,
  writeReview,
} from '../../api/reviews.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { currentUser } from '../../app/session.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { fieldError, fieldsetGroup, radio, selectField, textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

type Draft = {
  position: Position | null;
  conditions: string[];
  reasons: string;
  note: string;
  noteFormat: 'markdown' | 'text';
};
type Scenario = RoundDetail['scenarios'][number];
type Flash =
  { ok: true; text: string } | { ok: false; err?: unknown; errors?: { conditions?: string; reasons?: string } };

const draftOf = (r: Review | undefined): Draft =>
  r
    ? {
        position: r.position,
        conditions: r.conditions.length ? [...r.conditions] : [''],
        reasons: r.reasons ?? '',
        note: r.note,
        noteFormat: r.noteFormat,
      }
    : { position: null, conditions: [''], reasons: '', note: '', noteFormat: 'markdown' };

const positionLabel = (p: Position) => t(`reviews.position.${p}`);

/**
 * `/reviews/:consultationId/rounds/:roundId`: a review round (issue 14 story 3). A reviewer gets one
 * form per scenario (position radio group, conditions list, reasons, note) while the round is open,
 * and sees the other reviewers' positions once it is closed; staff see every position per scenario
 * and per authority, and the admin closes the round and goes on to the decision. Keyboard only:
 * native controls, focus moved to what changed, results announced.
 */
@customElement('sr-page-review-round')
export class SrPageReviewRound extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() roundId = '';
  @state() private _drafts = new Map<string, Draft>();
  @state() private _flash = new Map<string, Flash>();
  @state() private _busy = false;
  @state() private _closeFlash: Flash | null = null;

  private readonly _task = new Task(this, {
    task: async ([id, roundId], { signal }) => {
      const detail = await getRound(id, roundId, signal);
      this._drafts = new Map(detail.scenarios.map((s) => [s.id, draftOf(this._own(detail, s.id))]));
      return detail;
    },
    args: () => [this.consultationId, this.roundId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  /** The signed-in reviewer's own position on a scenario (staff, who never write, have none). */
  private _own(d: RoundDetail, scenarioId: string): Review | undefined {
    const me = currentUser()?.id;
    return d.reviews.find((r) => r.scenarioId === scenarioId && r.reviewerId === me);
  }

  private _update(scenarioId: string, change: Partial<Draft>) {
    const next = new Map(this._drafts);
    next.set(scenarioId, { ...next.get(scenarioId)!, ...change });
    this._drafts = next;
  }

  private async _addCondition(s: Scenario) {
    const d = this._drafts.get(s.id)!;
    this._update(s.id, { conditions: [...d.conditions, ''] });
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#cond-${s.id}-${d.conditions.length}`)?.focus();
  }

  private async _removeCondition(s: Scenario, i: number) {
    const d = this._drafts.get(s.id)!;
    this._update(s.id, { conditions: d.conditions.filter((_c, j) => j !== i) });
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#cond-add-${s.id}`)?.focus();
  }

  private async _save(e: Event, detail: RoundDetail, s: Scenario) {
    e.preventDefault();
    const d = this._drafts.get(s.id)!;
    const conditions = d.conditions.map((c) => c.trim()).filter(Boolean);
    const errors: { conditions?: string; reasons?: string } = {};
    if (d.position === 'supports_with_conditions' && conditions.length === 0)
      errors.conditions = t('reviews.errors.conditions');
    if (d.position === 'objects' && !d.reasons.trim()) errors.reasons = t('reviews.errors.reasons');
    const flash = new Map(this._flash);
    if (!d.position || errors.conditions || errors.reasons) {
      flash.set(s.id, { ok: false, errors });
      this._flash = flash;
      await this.updateComplete;
      const first = !d.position ? `#pos-${s.id}-supports` : errors.conditions ? `#cond-${s.id}-0` : `#reasons-${s.id}`;
      this.querySelector<HTMLElement>(first)?.focus();
      return;
    }
    this._busy = true;
    try {
      const saved = await writeReview(this.consultationId, detail.round.id, s.id, {
        position: d.position,
        conditions: d.position === 'supports_with_conditions' ? conditions : [],
        reasons: d.position === 'objects' ? d.reasons.trim() : null,
        note: d.note,
        noteFormat: d.noteFormat,
      });
      const text = t('reviews.saved', { key: s.key, revision: saved.revision });
      flash.set(s.id, { ok: true, text });
      // The page shows the saved revision (the task's value is the page's copy of the round).
      const reviews = detail.reviews.filter((r) => r.id !== saved.id);
      detail.reviews.splice(0, detail.reviews.length, ...reviews, saved);
      announce(text);
    } catch (err) {
      flash.set(s.id, { ok: false, err });
    } finally {
      this._busy = false;
      this._flash = flash;
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#flash-${s.id}`)?.focus();
  }

  private async _close(detail: RoundDetail) {
    this._busy = true;
    try {
      await closeRound(this.consultationId, detail.round.id);
      this._closeFlash = { ok: true, text: t('reviews.closed') };
      await this._task.run();
    } catch (err) {
      this._closeFlash = { ok: false, err };
    } finally {
      this._busy = false;
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>('#round-flash')?.focus();
  }

  private _flashView(f: Flash | null | undefined) {
    if (!f) return nothing;
    if (f.ok) return alert('success', f.text);
    return f.err ? errorAlert(f.err) : nothing;
  }

  private _form(detail: RoundDetail, s: Scenario) {
    const d = this._drafts.get(s.id)!;
    const f = this._flash.get(s.id);
    const errors = f && !f.ok ? (f.errors ?? {}) : {};
    const name = `pos-${s.id}`;
    return html`<form novalidate @submit=${(e: Event) => void this._save(e, detail, s)} id="form-${s.id}">
      ${fieldsetGroup(
        { id: `${name}-group`, legend: t('reviews.positionLegend', { key: s.key }) },
        POSITIONS.map((p) =>
          radio({
            id: `${name}-${p}`,
            name,
            value: p,
            label: positionLabel(p),
            checked: d.position === p,
            onSelect: () => this._update(s.id, { position: p }),
          }),
        ),
      )}
      ${d.position === 'supports_with_conditions' ? this._conditions(s, d, errors.conditions) : nothing}
      ${
        d.position === 'objects'
          ? textField({
              id: `reasons-${s.id}`,
              label: t('reviews.reasons'),
              hint: t('reviews.reasonsHint'),
              error: errors.reasons,
              value: d.reasons,
              rows: 4,
              required: true,
              maxlength: 10_000,
              onInput: (v) => this._update(s.id, { reasons: v }),
            })
          : nothing
      }
      ${textField({
        id: `note-${s.id}`,
        label: t('reviews.note'),
        hint: t('reviews.noteHint'),
        value: d.note,
        rows: 5,
        optional: true,
        maxlength: 50_000,
        onInput: (v) => this._update(s.id, { note: v }),
      })}
      ${selectField({
        id: `format-${s.id}`,
        label: t('reviews.noteFormat'),
        value: d.noteFormat,
        options: [
          { value: 'markdown', label: t('reviews.format.markdown') },
          { value: 'text', label: t('reviews.format.text') },
        ],
        onChange: (v) => this._update(s.id, { noteFormat: v as Draft['noteFormat'] }),
      })}
      <div id="flash-${s.id}" tabindex="-1">${this._flashView(f)}</div>
      <button type="submit" class="button button-primary" id="save-${s.id}" ?disabled=${this._busy}>
        ${t('reviews.save', { key: s.key })}
      </button>
    </form>`;
  }

  private _conditions(s: Scenario, d: Draft, error: string | undefined) {
    return html`<fieldset
      class="form-group ${error ? 'form-error' : ''}"
      id="conds-${s.id}"
      aria-describedby="conds-${s.id}-hint"
    >
      <legend class="form-label">${t('reviews.conditions')}</legend>
      <span class="form-hint" id="conds-${s.id}-hint">${t('reviews.conditionsHint')}</span>
      ${fieldError(`conds-${s.id}`, error)}
      <ol class="sr-condition-list">
        ${d.conditions.map(
          (c, i) =>
            html`<li>
              <label class="form-label" for="cond-${s.id}-${i}">${t('reviews.condition', { n: i + 1 })}</label>
              <input
                class="form-input"
                id="cond-${s.id}-${i}"
                maxlength="2000"
                .value=${c}
                @input=${(e: Event) => {
                  const next = [...d.conditions];
                  next[i] = (e.target as HTMLInputElement).value;
                  this._update(s.id, { conditions: next });
                }}
              />
              ${
                d.conditions.length > 1
                  ? html`<button
                      type="button"
                      class="button button-tertiary"
                      id="cond-remove-${s.id}-${i}"
                      @click=${() => void this._removeCondition(s, i)}
                    >
                      ${t('reviews.removeCondition', { n: i + 1 })}
                    </button>`
                  : nothing
              }
            </li>`,
        )}
      </ol>
      <button
        type="button"
        class="button button-secondary"
        id="cond-add-${s.id}"
        @click=${() => void this._addCondition(s)}
      >
        ${t('reviews.addCondition')}
      </button>
    </fieldset>`;
  }

  private _details(r: Review) {
    return html`${
        r.conditions.length
          ? html`<ul>
              ${r.conditions.map((c) => html`<li>${c}</li>`)}
            </ul>`
          : nothing
      }
      ${r.reasons ? html`<p>${r.reasons}</p>` : nothing}
      ${r.note ? html`<div class="sr-review-note">${unsafeHTML(r.noteHtml)}</div>` : nothing}
      <p class="sr-muted">${t('reviews.revision', { n: r.revision })}</p>`;
  }

  private _table(id: string, caption: string, rows: Review[], detail: RoundDetail, by: 'scenario' | 'authority') {
    if (rows.length === 0) return html`<p class="sr-muted">${t('reviews.none')}</p>`;
    const key = (r: Review) => detail.scenarios.find((s) => s.id === r.scenarioId)?.key ?? '';
    return html`<div class="table--responsive-scroll sr-table-scroll" tabindex="0" role="region" aria-label=${caption}>
      <table class="table table--compact" id=${id}>
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${by === 'scenario' ? t('reviews.col.authority') : t('reviews.col.scenario')}</th>
            <th scope="col">${t('reviews.col.reviewer')}</th>
            <th scope="col">${t('reviews.col.position')}</th>
            <th scope="col">${t('reviews.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <th scope="row">${by === 'scenario' ? r.authority : key(r)}</th>
                <td>${r.reviewerName}</td>
                <td>${positionLabel(r.position)}</td>
                <td>${this._details(r)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _scenario(detail: RoundDetail, s: Scenario) {
    const own = this._own(detail, s.id);
    const all = detail.reviews.filter((r) => r.scenarioId === s.id);
    return html`<section class="sr-section" id="scenario-${s.id}" aria-labelledby="scenario-${s.id}-heading">
      <h2 id="scenario-${s.id}-heading">
        <span>${s.key}:</span> <span lang=${locLang(s.title)}>${loc(s.title)}</span>
      </h2>
      <p>
        <a href="/reviews/${detail.consultation.id}/scorecard/${s.id}" id="scorecard-link-${s.key}"
          >${t('scorecard.openLink', { key: s.key })}</a
        >
      </p>
      ${
        detail.canWrite
          ? this._form(detail, s)
          : !detail.canManage && !detail.othersVisible
            ? own
              ? html`<p>${positionLabel(own.position)}</p>
                  ${this._details(own)}`
              : html`<p class="sr-muted">${t('reviews.notYet')}</p>`
            : nothing
      }
      ${
        detail.othersVisible
          ? this._table(`positions-${s.id}`, `${t('reviews.byScenario')}: ${s.key}`, all, detail, 'scenario')
          : nothing
      }
    </section>`;
  }

  private _byAuthority(detail: RoundDetail) {
    const authorities = [...new Set(detail.reviews.map((r) => r.authority))].sort((a, b) => a.localeCompare(b));
    return html`<section class="sr-section" id="by-authority" aria-labelledby="by-authority-heading">
      <h2 id="by-authority-heading">${t('reviews.byAuthority')}</h2>
      ${
        authorities.length === 0
          ? html`<p class="sr-muted">${t('reviews.none')}</p>`
          : authorities.map(
              (a) =>
                html`<h3 class="h4">${a}</h3>
                  ${this._table(
                    `authority-${authorities.indexOf(a)}`,
                    `${t('reviews.byAuthority')}: ${a}`,
                    detail.reviews.filter((r) => r.authority === a),
                    detail,
                    'authority',
                  )}`,
            )
      }
    </section>`;
  }

  override render() {
    return renderPage(this._task, (detail) => {
      const c = detail.consultation;
      const title = t('reviews.roundTitle', { n: detail.round.number });
      const crumbs = detail.canManage
        ? [
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { href: `/admin/consultations/${c.id}/review-rounds`, label: t('rounds.title') },
            { label: title },
          ]
        : [{ href: '/reviews', label: t('reviews.mine.title') }, { label: title }];
      return html`<sr-breadcrumbs .items=${crumbs}></sr-breadcrumbs>
        <h1 tabindex="-1">${title}</h1>
        <p class="font-lead" lang=${locLang(c.title)}>${loc(c.title)}</p>
        <p>
          ${detail.round.status === 'open' ? t('reviews.status.open') : t('reviews.status.closed')} —
          ${t('reviews.due', { date: formatDateTime(detail.round.dueAt) })}
        </p>
        ${detail.round.status === 'closed' ? alert('info', t('reviews.closedNote'), { live: false }) : nothing}
        ${!detail.othersVisible ? html`<p>${t('reviews.othersHidden')}</p>` : nothing}
        <p><a href="/reviews/${c.id}/scorecard" id="round-scorecard-link">${t('scorecard.compareLink')}</a></p>
        <div id="round-flash" tabindex="-1">${this._flashView(this._closeFlash)}</div>
        ${
          detail.canManage
            ? html`${detail.round.status === 'open' ? html`<p id="round-close-note">${t('reviews.closeConfirm')}</p>` : nothing}
                <div class="sr-toolbar">
                  ${
                    detail.round.status === 'open'
                      ? html`<button
                          aria-describedby="round-close-note"
                          type="button"
                          class="button button-secondary"
                          id="round-close"
                          ?disabled=${this._busy}
                          @click=${() => void this._close(detail)}
                        >
                          ${t('reviews.close')}
                        </button>`
                      : nothing
                  }
                  <a
                    class="button button-primary"
                    id="round-decision"
                    href="/admin/consultations/${c.id}/review-rounds/${detail.round.id}/decision"
                    >${t('reviews.decisionLink')}</a
                  >
                </div>`
            : nothing
        }
        ${detail.scenarios.map((s) => this._scenario(detail, s))}
        ${detail.othersVisible && (detail.canManage || !detail.canWrite) ? this._byAuthority(detail) : nothing}`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-review-round': SrPageReviewRound;
  }
}
