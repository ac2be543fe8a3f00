import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { Task } from '@lit/task';
import { getScenario } from '../../api/scenarios.ts';
import type { Scenario } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { isAdmin, SessionController } from '../../app/session.ts';
import { renderPage } from '../../app/page-state.ts';
import { statusBadge } from '../../components/badges.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/sr-status-history.ts';
import { icon } from '../../components/icons.ts';
import { getLocale, loc, locLang, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';
import { ScenarioComments } from '../../components/debate/scenario-comments.ts';
import { commentOps } from './comment-ops.ts';

/**
 * `/scenarios/:id`: a scenario's description as addressable paragraphs. Each paragraph is an
 * element whose id is the paragraph id (`p-1a2b3c4d`) with a visible link to `#p-…`; the app
 * shell scrolls to and focuses the paragraph named in the URL.
 */
@customElement('sr-page-scenario')
export class SrPageScenario extends SrLightElement implements SrPage {
  @property() scenarioId = '';
  private readonly _session = new SessionController(this);

  private readonly _task = new Task(this, {
    task: ([id], { signal }) => getScenario(id, signal),
    args: () => [this.scenarioId] as const,
  });

  private readonly _comments = new ScenarioComments(this, () => this.scenarioId, commentOps);

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => this._task.taskComplete)
      .then(() => this.updateComplete)
      .then(() => this._comments.ready);
  }

  private _description(s: Scenario) {
    const locale = getLocale();
    const lang = s.paragraphs[locale].length ? locale : locale === 'da' ? 'en' : 'da';
    const paragraphs = s.paragraphs[lang];
    if (!paragraphs.length) return html`<p class="sr-empty">${t('scenario.noDescription')}</p>`;
    return html`<div class="sr-paragraphs sr-prose" lang=${lang}>
      ${paragraphs.map(
        (p, i) =>
          html`<div class="sr-paragraph-block ${isHeading(p.html) ? 'sr-paragraph-heading' : ''}">
            <div class="sr-paragraph" id=${p.id} tabindex="-1">
              <div class="sr-paragraph-body">${unsafeHTML(p.html)}</div>
              <a class="sr-paragraph-link" href="#${p.id}" lang=${locale}
                >${icon('link')}<span class="sr-only">${t('scenario.linkToParagraph', { n: i + 1 })}</span></a
              >
            </div>
            ${
              // A heading is not something to comment on (issue 10 item 15); one that already has
              // comments (from an earlier version's paragraph) still shows them.
              isHeading(p.html) && !this._comments.countOn(p.id)
                ? nothing
                : html`<div lang=${locale}>${this._comments.paragraph(p.id, i + 1)}</div>`
            }
          </div>`,
      )}
    </div>`;
  }

  private _render(s: Scenario) {
    const title = loc(s.title);
    const summary = loc(s.summary);
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/', label: t('nav.home') },
          { href: `/consultations/${encodeURIComponent(s.consultationSlug)}`, label: loc(s.consultationTitle) },
          { label: `${s.key} ${title}` },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1"><span class="sr-key">${s.key}</span> <span lang=${locLang(s.title)}>${title}</span></h1>
      <p class="sr-scenario-status">${t('scenario.status')}: ${statusBadge(s.status, s.statusRound)}</p>
      ${summary ? html`<p class="font-lead" lang=${locLang(s.summary)}>${summary}</p>` : nothing}
      ${isAdmin(this._session.user) ? html`<p><a href="/admin/scenarios/${s.id}" class="sr-manage-link">${t('scenario.manage')}</a></p>` : nothing}
      <section class="sr-section" aria-labelledby="description-heading">
        <h2 id="description-heading">${t('scenario.descriptionHeading')}</h2>
        <p class="sr-muted">${t('scenario.version', { version: s.version })}</p>
        ${this._description(s)}
      </section>
      ${this._comments.section(shownParagraphIds(s))}
      <section class="sr-section">
        <h2 id="history-heading">${t('scenario.historyHeading')}</h2>
        <sr-status-history .history=${s.statusHistory}></sr-status-history>
      </section>`;
  }

  protected override render() {
    return renderPage(this._task, (s) => this._render(s));
  }
}

/** A paragraph that is only a heading (the Markdown renderer gives each heading its own paragraph). */
const isHeading = (html: string): boolean => /^\s*<h[1-6][\s>]/i.test(html) && /<\/h[1-6]>\s*$/i.test(html);

/** The ids of the paragraphs shown (the current language's, or the other when it has none). */
function shownParagraphIds(s: Scenario): Set<string> {
  const locale = getLocale();
  const lang = s.paragraphs[locale].length ? locale : locale === 'da' ? 'en' : 'da';
  return new Set(s.paragraphs[lang].map((p) => p.id));
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-scenario': SrPageScenario;
  }
}
