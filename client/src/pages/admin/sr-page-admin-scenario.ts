import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';

import { getScenario } from '../../api/scenarios.ts';
import type { Scenario } from '../../api/types.ts';
import { renderPage } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';

import { statusBadge } from '../../components/badges.ts';
import type { SrScenarioSavedEvent } from '../../components/events.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/sr-scenario-form.ts';
import '../../components/sr-status-form.ts';
import '../../components/sr-status-history.ts';
import { loc, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';
import { scenarioFormOps, statusOps } from './scenario-ops.ts';

/** `/admin/scenarios/:scenarioId`: edit a scenario, change its status by round, read its history. */
@customElement('sr-page-admin-scenario')
export class SrPageAdminScenario extends SrLightElement implements SrPage {
  @property() scenarioId = '';
  @state() private _scenario: Scenario | null = null;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      this._scenario = await getScenario(id, signal);
    },
    args: () => [this.scenarioId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private readonly _onSaved = (e: SrScenarioSavedEvent) => {
    this._scenario = e.scenario;
  };

  private _render(s: Scenario) {
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/admin', label: t('nav.admin') },
          { href: `/admin/consultations/${s.consultationId}`, label: loc(s.consultationTitle) },
          { label: `${s.key} ${loc(s.title)}` },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('sform.editTitle', { key: s.key })}</h1>
      <p>${statusBadge(s.status, s.statusRound)} · ${t('scenario.version', { version: s.version })}</p>
      <p><a href="/scenarios/${s.id}" class="sr-public-link">${t('admin.viewPublic')}</a></p>
      <section class="sr-section" aria-labelledby="admin-scenario-heading">
        <h2 id="admin-scenario-heading">${t('sform.detailsHeading')}</h2>
        <sr-scenario-form .scenario=${s} .ops=${scenarioFormOps} @sr-scenario-saved=${this._onSaved}></sr-scenario-form>
      </section>
      <section class="sr-section" aria-labelledby="admin-status-heading">
        <h2 id="admin-status-heading">${t('statusForm.heading')}</h2>
        <sr-status-form .scenario=${s} .ops=${statusOps} @sr-scenario-saved=${this._onSaved}></sr-status-form>
      </section>
      <section class="sr-section">
        <h2 id="admin-history-heading">${t('scenario.historyHeading')}</h2>
        <sr-status-history .history=${s.statusHistory}></sr-status-history>
      </section>`;
  }

  protected override render() {
    return renderPage(this._task, () => (this._scenario ? this._render(this._scenario) : nothing));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-scenario': SrPageAdminScenario;
  }
}
