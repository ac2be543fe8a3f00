import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cssProps } from '../../components/css-props.ts';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { ApiError } from '../../api/http.ts';
import { getScenarioRatings, type ScenarioRatings } from '../../api/ratings.ts';
import { getResults, type Results } from '../../api/results.ts';
import { listScenarios } from '../../api/scenarios.ts';
import type { Consultation, ScenarioSummary } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderPage } from '../../app/page-state.ts';
import { statusBadge } from '../../components/badges.ts';
import '../../components/debate/debate.css';
import '../../components/sr-breadcrumbs.ts';
import { formatNumber } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/debate.ts';
import './sr-page-not-found.ts';

type Data = {
  consultation: Consultation;
  scenarios: ScenarioSummary[];
  ratings: ScenarioRatings;
  results: Results | null;
};

/** Published results only: staff may read unpublished ones, but this page shows what everyone sees. */
async function publishedResults(slug: string, signal: AbortSignal): Promise<Results | null> {
  try {
    const r = await getResults(slug, 'all', signal);
    return r.publishedAt ? r : null;
  } catch (err) {
    if (err instanceof ApiError && err.status < 500) return null;
    throw err;
  }
}

/**
 * `/consultations/:slug/compare`: the scenarios side by side (issue 10 item 15): summary, status,
 * the questionnaire's ratings (mean and distribution over the published responses) and the place in
 * the ranking once its results are published. One table, scenarios as columns, scrolling sideways in
 * its own region on a narrow screen.
 */
@customElement('sr-page-scenario-compare')
export class SrPageScenarioCompare extends SrLightElement implements SrPage {
  @property() slug = '';

  private readonly _task = new Task(this, {
    task: async ([slug], { signal }): Promise<Data> => {
      const [consultation, scenarios, ratings, results] = await Promise.all([
        getConsultation(slug, signal),
        listScenarios(slug, signal),
        getScenarioRatings(slug, signal),
        publishedResults(slug, signal),
      ]);
      return { consultation, scenarios, ratings, results };
    },
    args: () => [this.slug] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _rating(q: ScenarioRatings['questions'][number], s: ScenarioSummary) {
    const r = q.scenarios.find((x) => x.scenarioId === s.id);
    if (!r || r.count === 0 || r.mean === null) return html`<span class="sr-muted">${t('compare.noRatings')}</span>`;
    const max = Math.max(...r.distribution, 1);
    return html`<p class="sr-compare-mean">
        ${t('compare.mean', { mean: formatNumber(Math.round(r.mean * 10) / 10), count: r.count })}
      </p>
      <p class="sr-compare-distribution">
        ${t('compare.distribution', { counts: r.distribution.map((n) => formatNumber(n)).join(' · ') })}
      </p>
      <div class="sr-compare-bars" aria-hidden="true">
        ${r.distribution.map(
          (n, i) =>
            html`<span class="sr-compare-bar" data-rating=${i + 1}
              ><span class="sr-compare-bar-fill" style=${cssProps({ height: `${Math.round((n / max) * 100)}%` })}></span
            ></span>`,
        )}
      </div>`;
  }

  private _place(results: Results, s: ScenarioSummary) {
    const i = results.scenarios.findIndex((x) => x.id === s.id);
    const place = i < 0 ? undefined : results.schulze.positions[i];
    return place === undefined
      ? html`<span class="sr-muted">${t('compare.notCounted')}</span>`
      : t('compare.rankValue', { place });
  }

  private _render({ consultation: c, scenarios, ratings, results }: Data) {
    const title = loc(c.title);
    const slug = encodeURIComponent(c.slug);
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/', label: t('nav.home') },
          { href: `/consultations/${slug}`, label: title },
          { label: t('compare.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('compare.title')}</h1>
      <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
      <p>${t('compare.intro')}</p>
      ${
        scenarios.length === 0
          ? html`<p class="sr-empty">${t('compare.none')}</p>`
          : html`<div class="sr-table-scroll" role="region" aria-labelledby="compare-caption" tabindex="0">
                <table class="table sr-compare-table">
                  <caption id="compare-caption" class="sr-only">
                    ${t('compare.caption')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('compare.aspect')}</th>
                      ${scenarios.map(
                        (s) =>
                          html`<th scope="col" data-key=${s.key}>
                            <a href="/scenarios/${s.id}"
                              ><span class="sr-key">${s.key}</span>
                              <span lang=${locLang(s.title)}>${loc(s.title)}</span></a
                            >
                          </th>`,
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">${t('compare.summary')}</th>
                      ${scenarios.map((s) => html`<td lang=${locLang(s.summary)}>${loc(s.summary)}</td>`)}
                    </tr>
                    <tr>
                      <th scope="row">${t('compare.status')}</th>
                      ${scenarios.map((s) => html`<td>${statusBadge(s.status, s.statusRound)}</td>`)}
                    </tr>
                    ${ratings.questions.map(
                      (q) =>
                        html`<tr class="sr-compare-rating">
                          <th scope="row" lang=${locLang(q.prompt)}>${loc(q.prompt)}</th>
                          ${scenarios.map((s) => html`<td>${this._rating(q, s)}</td>`)}
                        </tr>`,
                    )}
                    ${
                      results
                        ? html`<tr class="sr-compare-rank">
                            <th scope="row">${t('compare.rank')}</th>
                            ${scenarios.map((s) => html`<td>${this._place(results, s)}</td>`)}
                          </tr>`
                        : nothing
                    }
                  </tbody>
                </table>
              </div>
              ${ratings.questions.length ? html`<p class="sr-muted">${t('compare.basis')}</p>` : nothing}
              ${
                results
                  ? html`<p><a href="/consultations/${slug}/results">${t('consultation.resultsLink')}</a></p>`
                  : html`<p class="sr-muted" id="compare-rank-pending">${t('compare.rankPending')}</p>`
              }`
      }`;
  }

  protected override render() {
    return renderPage(this._task, (d) => this._render(d));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-scenario-compare': SrPageScenarioCompare;
  }
}
