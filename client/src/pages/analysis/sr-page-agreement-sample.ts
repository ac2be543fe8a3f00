import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { closeSample, getSample, sampleResults, type SampleDetail } from '../../api/agreement.ts';
import { getConsultation } from '../../api/consultations.ts';
import { codebookTags } from '../../api/inbox.ts';
import { listScenarios } from '../../api/scenarios.ts';
import { ApiError } from '../../api/http.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage, renderSection } from '../../app/page-state.ts';
import { isAdmin, SessionController } from '../../app/session.ts';
import { agreementTable, disagreementsTable } from '../../components/analysis/agreement-results.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatNumber } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

const pct = (done: number, of: number): number => (of === 0 ? 0 : Math.round((done / of) * 100));

/**
 * `/admin/consultations/:consultationId/agreement/:sampleId`: one agreement sample (issue 11 story 7):
 * its items (linked, for the coders to code), each coder's progress, closing it (admins), and the
 * results: the statistics per tag with their reading in words, and the disagreements side by side.
 */
@customElement('sr-page-agreement-sample')
export class SrPageAgreementSample extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() sampleId = '';
  @state() private _version = 0;
  @state() private _busy = false;
  @state() private _closeError: unknown = null;
  private readonly _session = new SessionController(this);

  private readonly _base = new Task(this, {
    task: async ([id, sampleId], { signal }) => {
      const [consultation, sample] = await Promise.all([getConsultation(id, signal), getSample(id, sampleId, signal)]);
      // The names of the scenario and the tag the sample was drawn by, if any.
      const [scenarios, tags] = await Promise.all([
        sample.filters.scenario ? listScenarios(id, signal) : Promise.resolve([]),
        sample.filters.tag ? codebookTags(id, signal).catch(() => []) : Promise.resolve([]),
      ]);
      const scenario = scenarios.find((s) => s.id === sample.filters.scenario);
      const tag = tags.find((g) => g.id === sample.filters.tag);
      return {
        consultation,
        sample,
        scenarioName: scenario ? `${scenario.key}: ${loc(scenario.title)}` : null,
        tagName: tag ? loc(tag.name) : null,
      };
    },
    args: () => [this.consultationId, this.sampleId, this._version] as const,
  });

  /** The results; null for a coder of an open sample, who codes blind and sees them once it is closed. */
  private readonly _results = new Task(this, {
    task: async ([id, sampleId], { signal }) =>
      sampleResults(id, sampleId, signal).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 403) return null;
        throw err;
      }),
    args: () => [this.consultationId, this.sampleId, this._version] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => Promise.all([this._base.taskComplete, this._results.taskComplete]))
      .then(() => this.updateComplete);
  }

  private readonly _itemHref = (kind: string, id: string) =>
    `/admin/consultations/${this.consultationId}/inbox/${kind}/${id}`;

  private async _close(): Promise<void> {
    this._busy = true;
    this._closeError = null;
    try {
      await closeSample(this.consultationId, this.sampleId);
      announce(t('agreement.closed'));
      this._version++;
    } catch (err) {
      this._closeError = err;
    } finally {
      this._busy = false;
    }
  }

  private _progress(s: SampleDetail) {
    return html`<div
      class="table--responsive-scroll sr-table-scroll"
      tabindex="0"
      role="region"
      aria-labelledby="agreement-progress-heading"
    >
      <table class="table table--compact" id="agreement-progress">
        <thead>
          <tr>
            <th scope="col">${t('agreement.col.coder')}</th>
            <th scope="col">${t('agreement.col.done')}</th>
            <th scope="col">${t('agreement.col.pct')}</th>
          </tr>
        </thead>
        <tbody>
          ${s.coders.map(
            (c) =>
              html`<tr>
                <th scope="row">${c.name}</th>
                <td>${t('agreement.doneOf', { done: c.done, items: s.items })}</td>
                <td>${pct(c.done, s.items)} %</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _items(s: SampleDetail) {
    return html`<div
      class="table--responsive-scroll sr-table-scroll"
      tabindex="0"
      role="region"
      aria-labelledby="agreement-items-heading"
    >
      <table class="table table--compact" id="agreement-items">
        <thead>
          <tr>
            <th scope="col">${t('agreement.col.position')}</th>
            <th scope="col">${t('agreement.col.item')}</th>
            <th scope="col">${t('agreement.col.codedBy')}</th>
          </tr>
        </thead>
        <tbody>
          ${s.sampleItems.map(
            (i) =>
              html`<tr>
                <td>${i.position + 1}</td>
                <td><a href=${this._itemHref(i.kind, i.id)}>${i.excerpt || t('agreement.open')}</a></td>
                <td>${t('agreement.codedBy', { done: i.codedBy.length, of: s.coders.length })}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _filters(s: SampleDetail, scenarioName: string | null, tagName: string | null): string {
    const parts = [
      ...(s.filters.kind ?? []).map((k) => t(`agreement.kind.${k}`)),
      ...(s.filters.scenario ? [`${t('agreement.scenario')}: ${scenarioName ?? s.filters.scenario}`] : []),
      ...(s.filters.tag ? [`${t('agreement.tag')}: ${tagName ?? s.filters.tag}`] : []),
      ...(s.filters.status ?? []).map((v) => t(`agreement.itemStatus.${v}`)),
    ];
    return parts.length ? t('agreement.filtersSome', { filters: parts.join(', ') }) : t('agreement.filtersNone');
  }

  private _render(base: NonNullable<typeof this._base.value>) {
    const { consultation: c, sample: s } = base;
    const title = loc(c.title);
    const name = t('agreement.sampleName', { number: s.number });
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/admin', label: t('nav.admin') },
          { href: `/admin/consultations/${c.id}`, label: title },
          { href: `/admin/consultations/${c.id}/agreement`, label: t('agreement.title') },
          { label: name },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${name}</h1>
      <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
      <p id="agreement-status"><strong>${t(`agreement.status.${s.status}`)}</strong></p>
      <p>
        ${t('agreement.about', { seed: s.seed, size: s.size, items: s.items })}
        ${this._filters(s, base.scenarioName, base.tagName)}
      </p>
      <section class="sr-section" aria-labelledby="agreement-progress-heading">
        <h2 id="agreement-progress-heading">${t('agreement.progress')}</h2>
        ${this._progress(s)}
        ${
          s.status === 'open' && isAdmin(this._session.user)
            ? html`<p class="form-hint" id="agreement-close-hint">${t('agreement.close.hint')}</p>
                <p class="sr-actions">
                  <button
                    type="button"
                    class="button button-secondary"
                    id="agreement-close"
                    aria-describedby="agreement-close-hint"
                    ?disabled=${this._busy}
                    @click=${() => void this._close()}
                  >
                    ${t('agreement.close')}
                  </button>
                </p>`
            : nothing
        }
        ${this._closeError ? errorAlert(this._closeError, { id: 'agreement-close-error' }) : nothing}
      </section>
      <section class="sr-section" aria-labelledby="agreement-results-heading">
        <h2 id="agreement-results-heading">${t('agreement.results')}</h2>
        ${renderSection(this._results, (r) =>
          r === null
            ? alert('info', t('agreement.blindResults'), { id: 'agreement-blind', live: false })
            : html`<p class="form-hint">${t('agreement.unit')}</p>
                ${agreementTable(r)}
                <h3 id="agreement-disagreements-heading">${t('agreement.disagreements')}</h3>
                ${disagreementsTable(r, this._itemHref)}`,
        )}
      </section>
      <section class="sr-section" aria-labelledby="agreement-items-heading">
        <h2 id="agreement-items-heading">${t('agreement.items')} (${formatNumber(s.items)})</h2>
        ${this._items(s)}
      </section>`;
  }

  override render() {
    return renderPage(this._base, (base) => this._render(base));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-agreement-sample': SrPageAgreementSample;
  }
}
