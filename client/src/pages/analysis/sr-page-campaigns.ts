import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import {
  getCampaignRun,
  listCampaigns,
  startCampaignRun,
  type CampaignList,
  type CampaignRun,
} from '../../api/campaigns.ts';
import { getConsultation } from '../../api/consultations.ts';
import type { Consultation } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

const POLL_MS = 1000;
const excerpt = (s: string) => (s.length <= 240 ? s : `${s.slice(0, 239).replace(/\s+\S*$/, '')}…`);

/**
 * `/admin/consultations/:consultationId/campaigns`: the consultation's campaigns (issue 12 story
 * 1), biggest first, each with its template and "N identical or near-identical responses"; a
 * detection run over all input with a labelled progress bar (polled each second, its end announced).
 */
@customElement('sr-page-campaigns')
export class SrPageCampaigns extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _list: CampaignList | null = null;
  @state() private _run: CampaignRun | null = null;
  @state() private _busy = false;
  @state() private _flash = '';
  @state() private _failure: unknown = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }): Promise<Consultation> => {
      const [consultation, list] = await Promise.all([getConsultation(id, signal), listCampaigns(id, signal)]);
      this._list = list;
      this._run = list.latestRun;
      return consultation;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  private async _poll(): Promise<void> {
    clearTimeout(this._timer);
    if (!this._run) return;
    this._run = await getCampaignRun(this.consultationId, this._run.id);
    if (this._run.status === 'queued' || this._run.status === 'running') {
      this._timer = setTimeout(() => void this._poll().catch((e: unknown) => (this._failure = e)), POLL_MS);
      return;
    }
    this._list = await listCampaigns(this.consultationId);
    announce(this._run.status === 'done' ? t('campaigns.run.doneAnnounced') : t('campaigns.run.failed', { error: '' }));
  }

  private async _start(): Promise<void> {
    this._busy = true;
    try {
      this._run = await startCampaignRun(this.consultationId, 'full');
      this._flash = t('campaigns.run.queued');
      this._failure = null;
      announce(this._flash);
      await this._poll();
    } catch (err) {
      this._flash = '';
      this._failure = err;
    } finally {
      this._busy = false;
    }
  }

  private _runStatus() {
    const run = this._run;
    if (!run) return nothing;
    if (run.status === 'failed')
      return alert('error', t('campaigns.run.failed', { error: run.error ?? '' }), { id: 'campaigns-failed' });
    if (run.status === 'done')
      return html`<p id="campaigns-run-done">
        ${t('campaigns.run.done', { items: run.itemCount ?? 0, joined: run.joinedCount ?? 0 })}
      </p>`;
    const phase = t(`campaigns.phase.${run.phase}` as 'campaigns.phase.reading');
    return html`<div class="form-group">
      <label class="form-label" for="campaigns-progress">${t('campaigns.run.progressLabel', { phase })}</label>
      <progress id="campaigns-progress" max="100" value=${run.progress}>${run.progress} %</progress>
      <span aria-hidden="true"> ${run.progress} %</span>
    </div>`;
  }

  private _table(c: Consultation) {
    const items = this._list?.items ?? [];
    if (items.length === 0) return html`<p class="sr-empty" id="campaigns-none">${t('campaigns.none')}</p>`;
    return html`<div class="table--responsive-scroll">
      <table class="table table--compact" id="campaigns-table">
        <caption>
          ${t('campaigns.listCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('campaigns.col.template')}</th>
            <th scope="col">${t('campaigns.col.members')}</th>
            <th scope="col">${t('campaigns.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            items,
            (x) => x.id,
            (x, i) =>
              html`<tr>
                <td>
                  <a href="/admin/consultations/${c.id}/campaigns/${x.id}" id="campaign-link-${i + 1}"
                    ><span class="sr-only">${t('campaigns.open', { n: i + 1 })}: </span>${excerpt(x.templateText)}</a
                  >
                </td>
                <td>${t('campaigns.count', { count: x.memberCount })}</td>
                <td>${t(`campaigns.status.${x.status}`)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override render() {
    return renderPage(this._task, (c) => {
      const title = loc(c.title);
      const total = (this._list?.items ?? []).reduce((s, x) => s + (x.status === 'active' ? x.memberCount : 0), 0);
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { href: `/admin/consultations/${c.id}/inbox`, label: t('campaigns.inbox') },
            { label: t('campaigns.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('campaigns.title')}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
        ${analysisNav(c.id, 'campaigns')}
        <p>${t('campaigns.intro')}</p>
        ${this._flash ? alert('success', this._flash, { id: 'campaigns-flash' }) : nothing}
        ${this._failure ? errorAlert(this._failure, { id: 'campaigns-failure' }) : nothing}
        <section class="sr-section" aria-labelledby="campaigns-run-heading">
          <h2 id="campaigns-run-heading">${t('campaigns.run.heading')}</h2>
          <p>${t('campaigns.run.intro')}</p>
          <button
            type="button"
            class="button button-secondary"
            id="campaigns-start"
            ?disabled=${this._busy || this._run?.status === 'queued' || this._run?.status === 'running'}
            @click=${() => void this._start()}
          >
            ${t('campaigns.run.start')}
          </button>
          <div aria-live="polite">${this._runStatus()}</div>
        </section>
        <section class="sr-section" aria-labelledby="campaigns-list-heading">
          <h2 id="campaigns-list-heading">${t('campaigns.title')}</h2>
          ${total ? html`<p id="campaigns-total">${t('campaigns.count', { count: total })}</p>` : nothing}
          ${this._table(c)}
        </section>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-campaigns': SrPageCampaigns;
  }
}
