import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { getRounds, openRound, type Round } from '../../api/reviews.ts';
import { listScenarios } from '../../api/scenarios.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { isAdmin, SessionController } from '../../app/session.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { checkboxGroup, textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDateTime, fromDateTimeLocal } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * `/admin/consultations/:consultationId/review-rounds`: a consultation's review rounds (issue 14
 * story 3). Each links to its positions (per scenario and per authority) and its decision; an admin
 * opens a round with a due date and the scenarios under review (all, unless unticked).
 */
@customElement('sr-page-admin-review-rounds')
export class SrPageAdminReviewRounds extends SrLightElement implements SrPage {
  @property() consultationId = '';
  private readonly _session = new SessionController(this);
  @state() private _due = '';
  @state() private _chosen: string[] | null = null;
  @state() private _errors: { due?: string; scenarios?: string } = {};
  @state() private _flash: { ok: boolean; text: string; err?: unknown } | null = null;
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, rounds, scenarios] = await Promise.all([
        getConsultation(id, signal),
        getRounds(id, signal),
        listScenarios(id, signal),
      ]);
      return { consultation, rounds: rounds.items, scenarios };
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _open(e: Event, allIds: string[]) {
    e.preventDefault();
    const dueAt = this._due ? fromDateTimeLocal(this._due) : null;
    const chosen = this._chosen ?? allIds;
    this._errors = {
      ...(!dueAt || Date.parse(dueAt) <= Date.now() ? { due: t('rounds.errors.due') } : {}),
      ...(chosen.length === 0 ? { scenarios: t('rounds.errors.scenarios') } : {}),
    };
    if (this._errors.due || this._errors.scenarios) {
      await this.updateComplete;
      this.querySelector<HTMLElement>(this._errors.due ? '#round-due' : `#round-scenarios-${allIds[0]}`)?.focus();
      return;
    }
    this._busy = true;
    try {
      const round = await openRound(this.consultationId, { dueAt: dueAt!, scenarioIds: chosen });
      const text = t('rounds.opened', { n: round.number });
      this._flash = { ok: true, text };
      this._due = '';
      this._chosen = null;
      await this._task.run();
      announce(text);
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>('#rounds-flash')?.focus();
  }

  private _table(consultationId: string, rounds: Round[], admin: boolean) {
    if (rounds.length === 0) return html`<p id="rounds-none">${t('rounds.none')}</p>`;
    return html`<div class="table--responsive-scroll">
      <table class="table table--compact" id="rounds-table">
        <caption>
          ${t('rounds.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('rounds.col.round')}</th>
            <th scope="col">${t('rounds.col.status')}</th>
            <th scope="col">${t('rounds.col.due')}</th>
            <th scope="col">${t('rounds.col.scenarios')}</th>
            <th scope="col">${t('rounds.col.links')}</th>
          </tr>
        </thead>
        <tbody>
          ${rounds.map(
            (r) =>
              html`<tr>
                <th scope="row">${t('reviews.round', { n: r.number })}</th>
                <td>${r.status === 'open' ? t('reviews.status.open') : t('reviews.status.closed')}</td>
                <td>${formatDateTime(r.dueAt)}</td>
                <td>${r.scenarioIds.length}</td>
                <td>
                  <ul class="sr-anchor-list">
                    <li>
                      <a href="/reviews/${consultationId}/rounds/${r.id}" id="round-positions-${r.number}"
                        >${t('rounds.positions', { n: r.number })}</a
                      >
                    </li>
                    ${
                      admin
                        ? html`<li>
                            <a
                              href="/admin/consultations/${consultationId}/review-rounds/${r.id}/decision"
                              id="round-decision-${r.number}"
                              >${t('rounds.decision', { n: r.number })}</a
                            >
                          </li>`
                        : nothing
                    }
                  </ul>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    return renderPage(this._task, ({ consultation: c, rounds, scenarios }) => {
      const title = loc(c.title);
      const admin = isAdmin(this._session.user);
      const allIds = scenarios.map((s) => s.id);
      const canOpen =
        admin && !rounds.some((r) => r.status === 'open') && c.phase !== 'draft' && c.phase !== 'concluded';
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { label: t('rounds.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('rounds.title')}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
        <p>${t('rounds.intro')}</p>
        <p><a href="/reviews/${c.id}/scorecard" id="rounds-scorecard-link">${t('scorecard.compareLink')}</a></p>
        ${admin ? html`<p><a href="/admin/consultations/${c.id}/reviewers" id="rounds-reviewers-link">${t('reviewers.title')}</a></p>` : nothing}
        <div id="rounds-flash" tabindex="-1">
          ${
            this._flash
              ? this._flash.ok
                ? alert('success', this._flash.text, { live: false })
                : errorAlert(this._flash.err)
              : nothing
          }
        </div>
        ${this._table(c.id, rounds, admin)}
        ${
          canOpen
            ? html`<section class="sr-section" aria-labelledby="round-open-heading">
                <h2 id="round-open-heading">${t('rounds.open')}</h2>
                <form novalidate id="round-open" @submit=${(e: Event) => void this._open(e, allIds)}>
                  ${textField({
                    id: 'round-due',
                    label: t('rounds.dueAt'),
                    hint: t('common.localTimeHint'),
                    type: 'datetime-local',
                    required: true,
                    error: this._errors.due,
                    value: this._due,
                    onInput: (v) => (this._due = v),
                  })}
                  ${checkboxGroup({
                    id: 'round-scenarios',
                    legend: t('rounds.scenarios'),
                    error: this._errors.scenarios,
                    options: scenarios.map((s) => ({ value: s.id, label: `${s.key}: ${loc(s.title)}` })),
                    selected: this._chosen ?? allIds,
                    onToggle: (id, on) => {
                      const now = this._chosen ?? allIds;
                      this._chosen = on ? [...now, id] : now.filter((x) => x !== id);
                    },
                  })}
                  <button type="submit" class="button button-primary" id="round-open-button" ?disabled=${this._busy}>
                    ${t('rounds.openButton')}
                  </button>
                </form>
              </section>`
            : nothing
        }`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-review-rounds': SrPageAdminReviewRounds;
  }
}
