import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';

import { listScenarios } from '../../api/scenarios.ts';
import type { Consultation, ScenarioSummary } from '../../api/types.ts';
import { renderPage } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { takeFlash } from '../../app/navigation.ts';
import { alert, loading } from '../../components/alerts.ts';
import type { SrConsultationSavedEvent, SrScenariosReorderedEvent } from '../../components/events.ts';
import { icon } from '../../components/icons.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/sr-consultation-form.ts';
import '../../components/sr-documents-editor.ts';
import '../../components/sr-phase-panel.ts';
import '../../components/sr-scenario-order.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';
import { isAnalyst, SessionController } from '../../app/session.ts';
import { consultationFormOps, documentsOps, phaseOps } from './consultation-ops.ts';
import { scenarioOrderOps } from './scenario-ops.ts';

/**
 * `/admin/consultations/:consultationId`: one consultation's details (edit form), phase,
 * documents and scenarios. Whatever a part saves comes back here and is passed to all parts, so
 * each always holds the latest version.
 */
@customElement('sr-page-admin-consultation')
export class SrPageAdminConsultation extends SrLightElement implements SrPage {
  private readonly _session = new SessionController(this);
  @property() consultationId = '';
  @state() private _consultation: Consultation | null = null;
  @state() private _scenarios: ScenarioSummary[] = [];
  private readonly _flash = takeFlash();

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [c, s] = await Promise.all([getConsultation(id, signal), listScenarios(id, signal)]);
      this._consultation = c;
      this._scenarios = s;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private readonly _onSaved = (e: SrConsultationSavedEvent) => {
    this._consultation = e.consultation;
  };

  private readonly _onReordered = (e: SrScenariosReorderedEvent) => {
    this._scenarios = e.scenarios;
  };

  private async _reload(): Promise<void> {
    // A stale edit: drop the form's draft by giving it a fresh object after loading again.
    this._consultation = null;
    await this._task.run();
    await this.updateComplete;
    this.querySelector<HTMLElement>('#cf-title-da')?.focus();
  }

  private _render(c: Consultation) {
    const title = loc(c.title);
    return html`<sr-breadcrumbs
        .items=${[{ href: '/admin', label: t('nav.admin') }, { label: title }]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1" lang=${locLang(c.title)}>${title}</h1>
      ${this._flash ? alert('success', this._flash()) : nothing}
      <p><a href="/consultations/${encodeURIComponent(c.slug)}" class="sr-public-link">${t('admin.viewPublic')}</a></p>
      <nav aria-label=${t('adminResp.heading')} class="sr-responses-admin-links">
        <ul class="sr-anchor-list">
          <li>
            <a href="/admin/consultations/${c.id}/questions" id="admin-questions-link">${t('adminResp.questions')}</a>
          </li>
          <li>
            <a href="/admin/consultations/${c.id}/publication" id="admin-publication-link"
              >${t('adminResp.publication')}</a
            >
          </li>
          <li><a href="/admin/consultations/${c.id}/letters" id="admin-letters-link">${t('adminResp.letters')}</a></li>
          <li><a href="/admin/consultations/${c.id}/parties" id="admin-parties-link">${t('adminResp.parties')}</a></li>
          <li>
            <a href="/admin/consultations/${c.id}/reviewers" id="admin-reviewers-link">${t('adminResp.reviewers')}</a>
          </li>
          <li>
            <a href="/admin/consultations/${c.id}/review-rounds" id="admin-review-rounds-link"
              >${t('adminResp.reviewRounds')}</a
            >
          </li>
          <li><a href="/admin/consultations/${c.id}/reports" id="admin-reports-link">${t('adminResp.reports')}</a></li>
          ${
            isAnalyst(this._session.user)
              ? html`<li>
                    <a href="/admin/consultations/${c.id}/inbox" id="admin-inbox-link">${t('adminResp.inbox')}</a>
                  </li>
                  <li>
                    <a href="/admin/consultations/${c.id}/codebook" id="admin-codebook-link"
                      >${t('adminResp.codebook')}</a
                    >
                  </li>
                  <li>
                    <a href="/admin/consultations/${c.id}/analysts" id="admin-analysts-link"
                      >${t('analysisNav.analysts')}</a
                    >
                  </li>
                  <li>
                    <a href="/admin/consultations/${c.id}/stakeholder-inputs" id="admin-stakeholder-inputs-link"
                      >${t('analysisNav.stakeholderInputs')}</a
                    >
                  </li>
                  <li>
                    <a href="/admin/consultations/${c.id}/findings" id="admin-findings-link"
                      >${t('analysisNav.findings')}</a
                    >
                  </li>`
              : nothing
          }
          <li><a href="/consultations/${encodeURIComponent(c.slug)}/responses">${t('adminResp.published')}</a></li>
        </ul>
      </nav>
      <nav aria-label=${t('admin.sections')}>
        <ul class="sr-anchor-list">
          <li><a href="#admin-details">${t('cform.detailsHeading')}</a></li>
          <li><a href="#admin-phase">${t('phasePanel.heading')}</a></li>
          <li><a href="#admin-documents">${t('docs.heading')}</a></li>
          <li><a href="#admin-scenarios">${t('scenarios.heading')}</a></li>
        </ul>
      </nav>
      <section class="sr-section" id="admin-details" tabindex="-1" aria-labelledby="admin-details-heading">
        <h2 id="admin-details-heading">${t('cform.detailsHeading')}</h2>
        <sr-consultation-form
          .consultation=${c}
          .ops=${consultationFormOps}
          @sr-consultation-saved=${this._onSaved}
          @sr-reload-request=${() => void this._reload()}
        ></sr-consultation-form>
      </section>
      <section class="sr-section" id="admin-phase" tabindex="-1" aria-labelledby="admin-phase-heading">
        <h2 id="admin-phase-heading">${t('phasePanel.heading')}</h2>
        <sr-phase-panel .consultation=${c} .ops=${phaseOps} @sr-consultation-saved=${this._onSaved}></sr-phase-panel>
      </section>
      <section class="sr-section" id="admin-documents" tabindex="-1" aria-labelledby="admin-documents-heading">
        <h2 id="admin-documents-heading">${t('docs.heading')}</h2>
        <sr-documents-editor
          .consultation=${c}
          .ops=${documentsOps}
          @sr-consultation-saved=${this._onSaved}
        ></sr-documents-editor>
      </section>
      <section class="sr-section" id="admin-scenarios" tabindex="-1" aria-labelledby="admin-scenarios-heading">
        <h2 id="admin-scenarios-heading">${t('scenarios.heading')}</h2>
        <sr-scenario-order
          .consultationId=${c.id}
          .scenarios=${this._scenarios}
          .ops=${scenarioOrderOps}
          @sr-scenarios-reordered=${this._onReordered}
        ></sr-scenario-order>
        <p class="sr-actions">
          <a
            href="/admin/consultations/${c.id}/scenarios/new"
            class="button button-secondary sr-button-icon"
            id="admin-add-scenario"
            >${icon('plus')}${t('scenarios.add')}</a
          >
        </p>
      </section>`;
  }

  protected override render() {
    return renderPage(this._task, () => (this._consultation ? this._render(this._consultation) : nothing), {
      pending: () => (this._consultation ? this._render(this._consultation) : loading()),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-consultation': SrPageAdminConsultation;
  }
}
