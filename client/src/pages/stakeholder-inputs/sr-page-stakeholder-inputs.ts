import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { listInputs } from '../../api/stakeholder-inputs.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { takeFlash } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { dayOf, partiesText } from '../../components/stakeholder-inputs/input-view.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * `/admin/consultations/:consultationId/stakeholder-inputs`: the meetings and written input staff
 * have recorded for a consultation (issue 13 story 4), latest first, with a link to record one.
 */
@customElement('sr-page-stakeholder-inputs')
export class SrPageStakeholderInputs extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _flash = takeFlash();

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, list] = await Promise.all([getConsultation(id, signal), listInputs(id, signal)]);
      return { consultation, list };
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  protected override render() {
    return renderPage(this._task, ({ consultation: c, list }) => {
      const title = loc(c.title);
      const base = `/admin/consultations/${c.id}/stakeholder-inputs`;
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { href: `/admin/consultations/${c.id}/inbox`, label: t('sinputs.inbox') },
            { label: t('sinputs.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('sinputs.title')}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
        ${analysisNav(c.id, 'stakeholder-inputs')}
        ${this._flash ? alert('success', this._flash(), { id: 'sinputs-flash' }) : nothing}
        <p>${t('sinputs.intro')}</p>
        <p><a class="button button-primary" href="${base}/new" id="sinputs-new">${t('sinputs.new')}</a></p>
        ${
          list.items.length === 0
            ? html`<p class="sr-empty" id="sinputs-none">${t('sinputs.none')}</p>`
            : html`<div class="table--responsive-scroll">
                <table class="table table--compact" id="sinputs-table">
                  <caption>
                    ${t('sinputs.caption')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('sinputs.col.title')}</th>
                      <th scope="col">${t('sinputs.col.date')}</th>
                      <th scope="col">${t('sinputs.col.kind')}</th>
                      <th scope="col">${t('sinputs.col.parties')}</th>
                      <th scope="col">${t('sinputs.col.visibility')}</th>
                      <th scope="col">${t('sinputs.col.files')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${repeat(
                      list.items,
                      (x) => x.id,
                      (x, i) =>
                        html`<tr>
                          <td><a href="${base}/${x.id}" id="sinputs-link-${i + 1}">${x.title}</a></td>
                          <td><time datetime=${x.heldOn}>${dayOf(x.heldOn)}</time></td>
                          <td>${t(`sinput.kind.${x.kind}`)}</td>
                          <td>${partiesText(x.parties) || t('sinputs.noParties')}</td>
                          <td>${t(`sinputs.visibility.${x.visibility}`)}</td>
                          <td>${x.files.length}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-stakeholder-inputs': SrPageStakeholderInputs;
  }
}
