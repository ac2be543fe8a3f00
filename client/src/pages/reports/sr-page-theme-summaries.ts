import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { listThemeSummaries, type ThemeRow } from '../../api/summaries.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderPage } from '../../app/page-state.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import '../../components/sr-breadcrumbs.ts';
import { columnHeads } from '../../components/table.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { coverageText } from './summary-parts.ts';

/**
 * `/admin/consultations/:consultationId/theme-summaries`: every theme of the codebook (sub-themes
 * indented under theme) with its summary's status and answer, its coded input, how much of it the
 * summary cites, and its single voices (issue 14 story 5). Each theme links to its editor.
 */
@customElement('sr-page-theme-summaries')
export class SrPageThemeSummaries extends SrLightElement implements SrPage {
  @property() consultationId = '';

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, list] = await Promise.all([getConsultation(id, signal), listThemeSummaries(id, signal)]);
      return { consultation, list };
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _row(cid: string, x: ThemeRow) {
    const name = loc(x.name);
    const cov = x.coverage;
    return html`<tr>
      <td class="sr-theme-depth-${Math.min(x.depth, 5)}">
        ${x.depth > 1 ? html`<span class="sr-muted">${t('summaries.subTheme')}: </span>` : nothing}
        <a href="/admin/consultations/${cid}/theme-summaries/${x.tagId}" id="summary-link-${x.tagId}"
          ><span class="sr-only">${t('summaries.edit', { name })}: </span
          ><span lang=${locLang(x.name)}>${name}</span></a
        >
      </td>
      <td>${t(x.status ? `summaries.status.${x.status}` : 'summaries.status.none')}</td>
      <td>${t(x.answer ? `summaries.answer.${x.answer}` : 'summaries.answer.none')}</td>
      <td>
        ${
          cov.passages === 0
            ? t('summaries.coverageNone')
            : t('summaries.coded', { passages: cov.passages, items: cov.items })
        }
      </td>
      <td>${coverageText(cov)}</td>
      <td id="single-voices-${x.tagId}">${cov.singleVoices}</td>
    </tr>`;
  }

  protected override render() {
    return renderPage(this._task, ({ consultation: c, list }) => {
      const title = loc(c.title);
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { label: t('summaries.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('summaries.title')}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
        ${analysisNav(c.id, 'summaries')}
        <p>${t('summaries.intro')}</p>
        ${
          list.themes.length === 0
            ? html`<p class="sr-empty" id="summaries-none">${t('summaries.none')}</p>`
            : html`<div class="table--responsive-scroll">
                <table class="table table--compact" id="summaries-table">
                  <caption>
                    ${t('summaries.caption')}
                  </caption>
                  ${columnHeads([
                    t('summaries.col.theme'),
                    t('summaries.col.status'),
                    t('summaries.col.answer'),
                    t('summaries.col.coded'),
                    t('summaries.col.coverage'),
                    t('summaries.col.singleVoices'),
                  ])}
                  <tbody>
                    ${repeat(
                      list.themes,
                      (x) => x.tagId,
                      (x) => this._row(c.id, x),
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
    'sr-page-theme-summaries': SrPageThemeSummaries;
  }
}
