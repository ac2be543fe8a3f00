import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderPage } from '../../app/page-state.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, t } from '../../i18n/i18n.ts';

/** `/admin/consultations/:consultationId/inbox`: the analysis inbox (issue 11). */
@customElement('sr-page-inbox')
export class SrPageInbox extends SrLightElement implements SrPage {
  @property() consultationId = '';

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => getConsultation(id, signal),
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  override render() {
    return renderPage(this._task, (c) => {
      const title = loc(c.title);
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { label: t('inbox.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('inbox.title')}</h1>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-inbox': SrPageInbox;
  }
}
