import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';

import { renderPage } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { navigate, setFlash } from '../../app/navigation.ts';

import type { SrScenarioSavedEvent } from '../../components/events.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/sr-scenario-form.ts';
import { loc, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';
import { scenarioFormOps } from './scenario-ops.ts';

/** `/admin/consultations/:consultationId/scenarios/new`: adds a scenario at the end of the order. */
@customElement('sr-page-admin-scenario-new')
export class SrPageAdminScenarioNew extends SrLightElement implements SrPage {
  @property() consultationId = '';

  private readonly _task = new Task(this, {
    task: ([id], { signal }) => getConsultation(id, signal),
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _onSaved(e: SrScenarioSavedEvent): void {
    const key = e.scenario.key;
    setFlash(() => t('sform.created', { key }));
    navigate(`/admin/consultations/${this.consultationId}#admin-scenarios`);
  }

  protected override render() {
    return renderPage(
      this._task,
      (c) =>
        html`<sr-breadcrumbs
            .items=${[
              { href: '/admin', label: t('nav.admin') },
              { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
              { label: t('sform.createTitle') },
            ]}
          ></sr-breadcrumbs>
          <h1 tabindex="-1">${t('sform.createTitle')}</h1>
          <sr-scenario-form
            .consultationId=${c.id}
            .ops=${scenarioFormOps}
            @sr-scenario-saved=${this._onSaved}
          ></sr-scenario-form>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-scenario-new': SrPageAdminScenarioNew;
  }
}
