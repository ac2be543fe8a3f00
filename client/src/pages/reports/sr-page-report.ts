import { html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import {
  getPublishedModel,
  getPublishedVersion,
  publishedFileUrl,
  REPORT_FORMATS,
  type ReportModel,
} from '../../api/reports.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderPage } from '../../app/page-state.ts';
import { isAnalyst, SessionController } from '../../app/session.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { getLocale, LocaleController, t } from '../../i18n/i18n.ts';
import { type Block, buildDocument, type Inline } from '../../../../server/modules/reports/notat/notat.document.ts';

const FORMAT_LABEL: Record<string, string> = { html: 'HTML', docx: 'DOCX', md: 'Markdown', json: 'JSON' };

/**
 * `/consultations/:slug/report`: the published høringsnotat (issue 14 story 6), for everyone, in the
 * reader's language. It is laid out from the same document as the HTML, DOCX and Markdown files (the
 * server's notat.document.ts, pure), so the page and the files say the same; the files are offered
 * for printing (PDF) and download. A consultation with no published report is not found.
 */
@customElement('sr-page-report')
export class SrPageReport extends SrLightElement implements SrPage {
  @property() slug = '';
  private readonly _locale = new LocaleController(this);
  // Re-renders when the session is known: a staff reader's figures become links.
  private readonly _session = new SessionController(this);

  private readonly _task = new Task(this, {
    task: async ([slug], { signal }) => {
      const [model, version] = await Promise.all([getPublishedModel(slug, signal), getPublishedVersion(slug, signal)]);
      return { model, publishedAt: version?.publishedAt ?? model.generatedAt };
    },
    args: () => [this.slug] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  /** Whether the reader may follow the figures and quotes to their sources in the analysts' inbox. */
  private get _traceable(): boolean {
    return isAnalyst(this._session.user);
  }

  private _inline(x: Inline): TemplateResult | string {
    switch (x.t) {
      case 'text':
        return x.text;
      case 'count':
        // Only for analysts and admins (`staffLinks`): a figure leads to the inbox view it counts.
        return html`<a href=${x.count.href}>${x.text}</a>`;
      case 'link':
        return html`<a href=${x.href}>${x.text}</a>`;
      case 'tick':
        return x.on ? html`<span role="img" aria-label="✓">✓</span>` : '';
    }
  }

  private _block(b: Block): unknown {
    const parts = (xs: readonly Inline[]) => xs.map((x) => this._inline(x));
    switch (b.b) {
      case 'title':
        return html`<h1 tabindex="-1">${b.text}</h1>
          <p class="font-lead">${b.sub}</p>`;
      case 'h':
        // The page's own heading is the title: the document's levels start one below it.
        return b.level === 1
          ? html`<h2 id=${b.id}>${b.text}</h2>`
          : b.level === 2
            ? html`<h3 id=${b.id}>${b.text}</h3>`
            : html`<h4 id=${b.id}>${b.text}</h4>`;
      case 'p':
        return html`<p class=${b.small ? 'sr-muted' : ''}>${parts(b.parts)}</p>`;
      case 'toc':
        return html`<nav aria-labelledby="report-toc-heading">
          <h2 id="report-toc-heading">${getLocale() === 'da' ? 'Indhold' : 'Contents'}</h2>
          <ul>
            ${b.items.map((i) => html`<li class=${i.level === 2 ? 'sr-indent' : ''}><a href="#${i.id}">${i.text}</a></li>`)}
          </ul>
        </nav>`;
      case 'table':
        return html`<table class="table table--compact">
          <thead>
            <tr>
              ${b.head.map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${b.rows.map(
              (r) =>
                html`<tr>
                  ${r.map((c) => html`<td>${parts(c)}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>`;
      case 'list':
        return html`<ul>
          ${b.items.map((i) => html`<li>${parts(i)}</li>`)}
        </ul>`;
      case 'quote':
        return html`<blockquote>
          <p>“${b.text}” ${b.href ? html`<a href=${b.href}>(${b.label})</a>` : `(${b.label})`}</p>
        </blockquote>`;
    }
  }

  private _downloads(m: ReportModel) {
    const lang = getLocale();
    return html`<section class="sr-section" aria-labelledby="report-files-heading">
      <h2 id="report-files-heading">${t('notat.public.download')}</h2>
      <ul>
        <li>
          <a href=${publishedFileUrl(this.slug, 'html', lang)} id="report-print">${t('notat.public.print')}</a>
        </li>
        ${REPORT_FORMATS.filter((f) => f !== 'html').map(
          (f) =>
            html`<li>
              <a href=${publishedFileUrl(this.slug, f, lang, true)} id="report-file-${f}" download
                >${FORMAT_LABEL[f]}</a
              >
            </li>`,
        )}
      </ul>
      <p>
        <a href="/consultations/${encodeURIComponent(m.consultation.slug)}" id="report-back"
          >${t('notat.public.back')}</a
        >
      </p>
    </section>`;
  }

  override render() {
    void this._locale;
    return renderPage(this._task, ({ model, publishedAt }) => {
      // The figures and quotes lead to the analysts' inbox only for those who may open it: anyone else
      // reads them, rather than a link to a sign-in page.
      const blocks = buildDocument(model, getLocale(), { draft: false, staffLinks: this._traceable });
      return html`<article id="report" lang=${getLocale()}>
        ${blocks.slice(0, 1).map((b) => this._block(b))}
        <p class="sr-muted">${t('notat.public.version', { n: model.number, date: formatDateTime(publishedAt) })}</p>
        ${this._downloads(model)} ${blocks.slice(2).map((b) => this._block(b))}
      </article>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-report': SrPageReport;
  }
}
