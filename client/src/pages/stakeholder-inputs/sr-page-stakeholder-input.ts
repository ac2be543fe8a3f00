import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { listScenarios } from '../../api/scenarios.ts';
import { deleteInput, getInput } from '../../api/stakeholder-inputs.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { navigate, setFlash, takeFlash } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { confirmGroup } from '../../components/confirm.ts';
import { dayOf, partiesText, scenariosText } from '../../components/stakeholder-inputs/input-view.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatBytes, formatDateTime } from '../../i18n/format.ts';
import { loc, t } from '../../i18n/i18n.ts';

/**
 * `/admin/consultations/:consultationId/stakeholder-inputs/:inputId`: one meeting or written input
 * (issue 13 story 4): its facts, the minutes as rendered (the server's sanitised HTML), its files,
 * links to edit it and to its item in the analysis inbox, and deletion after a question in place.
 */
@customElement('sr-page-stakeholder-input')
export class SrPageStakeholderInput extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() inputId = '';
  @state() private _flash = takeFlash();
  @state() private _confirming = false;
  @state() private _busy = false;
  @state() private _failure: unknown = null;

  private readonly _task = new Task(this, {
    task: async ([id, inputId], { signal }) => {
      const [consultation, input, scenarios] = await Promise.all([
        getConsultation(id, signal),
        getInput(id, inputId, signal),
        listScenarios(id, signal),
      ]);
      const names = new Map(scenarios.map((s) => [s.id, { key: s.key, title: loc(s.title) }]));
      return { consultation, input, names };
    },
    args: () => [this.consultationId, this.inputId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _askDelete(): Promise<void> {
    this._confirming = true;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#sinput-delete-yes')?.focus();
  }

  private async _cancelDelete(): Promise<void> {
    this._confirming = false;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#sinput-delete')?.focus();
  }

  private async _delete(): Promise<void> {
    this._busy = true;
    try {
      await deleteInput(this.consultationId, this.inputId);
      setFlash(() => t('sinputs.deleted'));
      navigate(`/admin/consultations/${this.consultationId}/stakeholder-inputs`);
    } catch (err) {
      this._failure = err;
      this._busy = false;
    }
  }

  protected override render() {
    return renderPage(this._task, ({ consultation: c, input: x, names }) => {
      const base = `/admin/consultations/${c.id}/stakeholder-inputs`;
      const row = (label: string, value: unknown) =>
        html`<div>
          <dt>${label}</dt>
          <dd>${value}</dd>
        </div>`;
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { href: base, label: t('sinputs.title') },
            { label: x.title },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${x.title}</h1>
        ${analysisNav(c.id, 'stakeholder-inputs')}
        ${this._flash ? alert('success', this._flash(), { id: 'sinput-flash' }) : nothing}
        ${this._failure ? errorAlert(this._failure, { id: 'sinput-failure' }) : nothing}
        <dl class="sr-facts" id="sinput-facts">
          ${row(t('sinputs.field.kind'), t(`sinput.kind.${x.kind}`))}
          ${row(t('sinput.heldOn'), html`<time datetime=${x.heldOn}>${dayOf(x.heldOn)}</time>`)}
          ${row(t('sinput.parties'), partiesText(x.parties) || t('sinputs.noParties'))}
          ${row(t('sinput.scenarios'), scenariosText(x.scenarioIds, names) || t('sinputs.noScenarios'))}
          ${row(t('sinputs.visibility'), t(`sinputs.visibility.${x.visibility}`))}
          ${row(t('sinputs.recordedAt'), html`<time datetime=${x.createdAt}>${formatDateTime(x.createdAt)}</time>`)}
        </dl>
        <ul class="sr-anchor-list">
          <li><a href="${base}/${x.id}/edit" id="sinput-edit">${t('sinputs.edit')}</a></li>
          <li>
            <a href="/admin/consultations/${c.id}/inbox/stakeholder_input/${x.id}" id="sinput-inbox"
              >${t('sinputs.openInInbox')}</a
            >
          </li>
        </ul>
        <section class="sr-section" aria-labelledby="sinput-minutes-heading">
          <h2 id="sinput-minutes-heading">${t('sinput.minutes')}</h2>
          ${
            x.minutesHtml
              ? html`<div class="sr-prose" id="sinput-minutes">${unsafeHTML(x.minutesHtml)}</div>`
              : html`<p class="sr-empty">${t('sinput.noMinutes')}</p>`
          }
        </section>
        <section class="sr-section" aria-labelledby="sinput-files-heading">
          <h2 id="sinput-files-heading">${t('sinputs.files.heading')}</h2>
          ${
            x.files.length
              ? html`<ul id="sinput-files">
                  ${x.files.map(
                    (f) =>
                      html`<li>
                        <a href=${f.url} download=${f.filename}>${f.filename}</a> (${formatBytes(f.sizeBytes)}) ·
                        ${f.public ? t('sinputs.files.isPublic') : t('sinputs.files.isInternal')} ·
                        ${t(`sinputs.extraction.${f.extraction}`)}
                      </li>`,
                  )}
                </ul>`
              : html`<p class="sr-empty">${t('sinputs.files.none')}</p>`
          }
        </section>
        <section class="sr-section">
          ${
            this._confirming
              ? confirmGroup({
                  className: 'sr-confirm',
                  questionId: 'sinput-delete-question',
                  question: t('sinputs.deleteQuestion'),
                  confirmId: 'sinput-delete-yes',
                  confirmLabel: t('sinputs.deleteYes'),
                  busy: this._busy,
                  onConfirm: () => void this._delete(),
                  onCancel: () => void this._cancelDelete(),
                })
              : html`<button
                  type="button"
                  class="button button-secondary"
                  id="sinput-delete"
                  @click=${() => void this._askDelete()}
                >
                  ${t('sinputs.delete')}
                </button>`
          }
        </section>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-stakeholder-input': SrPageStakeholderInput;
  }
}
