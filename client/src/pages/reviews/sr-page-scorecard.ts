import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getScorecard, type ScenarioScorecard } from '../../api/reviews.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderPage } from '../../app/page-state.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { partiesSection, scrollTable, segmentLabel, statusLabel, themesSection } from './scorecard-sections.ts';

type Card = ScenarioScorecard;

const percent = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)} %`;

/**
 * `/reviews/:consultationId/scorecard/:scenarioId`: one scenario's scorecard (issue 14 story 2), for
 * the consultation's reviewers and for staff — ranking per group with its margins, the themes for
 * and against by stakeholder type (campaign members apart) with quotes, user-test findings, the
 * consulted parties' answers, the status history and the current round's positions. Read only:
 * headings and tables in reading order, wide tables in keyboard-scrollable regions.
 */
@customElement('sr-page-scorecard')
export class SrPageScorecard extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() scenarioId = '';

  private readonly _task = new Task(this, {
    task: async ([id, scenarioId], { signal }) => getScorecard(id, scenarioId, signal),
    args: () => [this.consultationId, this.scenarioId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _ranking(card: Card, keyOf: (id: string) => string) {
    const margin = (m: Card['ranking'][number]['up']) =>
      m ? t('scorecard.margin', { key: keyOf(m.scenarioId), margin: m.margin, ballots: m.ballotsToReverse }) : '—';
    const all = card.ranking.find((s) => s.segment === 'all');
    const rows = card.ranking.filter((s) => s.segment === 'all' || s.hidden || (s.ballots ?? 0) > 0);
    return html`<section class="sr-section" aria-labelledby="sc-ranking-heading">
      <h2 id="sc-ranking-heading">${t('scorecard.ranking')}</h2>
      <p>${t('scorecard.rankingIntro')}</p>
      ${scrollTable(
        t('scorecard.ranking'),
        html`<table class="table table--compact" id="sc-ranking">
          <caption>
            ${t('scorecard.ranking')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('scorecard.col.segment')}</th>
              <th scope="col">${t('scorecard.col.ballots')}</th>
              <th scope="col">${t('scorecard.col.place')}</th>
              <th scope="col">${t('scorecard.col.first')}</th>
              <th scope="col">${t('scorecard.col.above')}</th>
              <th scope="col">${t('scorecard.col.below')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (s) =>
                html`<tr>
                  <th scope="row">${segmentLabel(s.segment)}</th>
                  ${
                    s.hidden
                      ? html`<td colspan="5">${t('scorecard.hidden', { n: card.minSegmentSize })}</td>`
                      : !s.ballots
                        ? html`<td>0</td>
                            <td colspan="4">${t('scorecard.empty')}</td>`
                        : s.position === null
                          ? html`<td>${formatNumber(s.ballots)}</td>
                              <td colspan="4">${t('scorecard.notCounted')}</td>`
                          : html`<td>${formatNumber(s.ballots)}</td>
                              <td>${t('scorecard.place', { position: s.position, of: s.of, tied: s.tied })}</td>
                              <td>${s.firstShare === null ? '—' : percent(s.firstShare)}</td>
                              <td>${margin(s.up)}</td>
                              <td>${margin(s.down)}</td>`
                  }
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${
        all?.closest
          ? html`<p id="sc-closest">
              ${t('scorecard.closest', {
                above: keyOf(all.closest.above),
                below: keyOf(all.closest.scenarioId),
                margin: all.closest.margin,
                ballots: all.closest.ballotsToReverse,
              })}
            </p>`
          : nothing
      }
    </section>`;
  }

  private _findings(card: Card) {
    const f = card.findings;
    return html`<section class="sr-section" aria-labelledby="sc-findings-heading">
      <h2 id="sc-findings-heading">${t('scorecard.findings')}</h2>
      ${
        f.total === 0
          ? html`<p class="sr-muted">${t('scorecard.noFindings')}</p>`
          : html`<table class="table table--compact" id="sc-findings">
                <caption>
                  ${t('scorecard.findings')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('scorecard.col.severity')}</th>
                    <th scope="col">${t('scorecard.col.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${f.bySeverity.map(
                    (s) =>
                      html`<tr>
                        <th scope="row">${t(`scorecard.severity.${s.severity}`)}</th>
                        <td>${formatNumber(s.count)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <table class="table table--compact" id="sc-frequency">
                <caption>
                  ${t('scorecard.col.affected')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('scorecard.col.affected')}</th>
                    <th scope="col">${t('scorecard.col.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${f.byFrequency.map(
                    (x) =>
                      html`<tr>
                        <th scope="row">${formatNumber(x.participantsAffected)}</th>
                        <td>${formatNumber(x.count)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <h3 class="h4">${t('scorecard.topFindings')}</h3>
              <ul class="sr-plain-list" id="sc-top-findings">
                ${f.top.map(
                  (x) =>
                    html`<li>
                      <strong>${t(`scorecard.severity.${x.severity}`)}</strong>
                      (${t('scorecard.affected', { n: x.participantsAffected })}):
                      ${x.task ? html`${x.task} — ` : nothing}${x.observation}
                    </li>`,
                )}
              </ul>`
      }
    </section>`;
  }

  private _historyAndReviews(card: Card) {
    const r = card.reviews;
    return html`<section class="sr-section" aria-labelledby="sc-history-heading">
        <h2 id="sc-history-heading">${t('scorecard.history')}</h2>
        <ol id="sc-history">
          ${card.statusHistory.map(
            (h) =>
              html`<li>
                ${t('scorecard.historyItem', { to: statusLabel(h.to), round: h.round, at: formatDate(h.at) })}${
                  h.note ? html` — ${h.note}` : nothing
                }
              </li>`,
          )}
        </ol>
      </section>
      <section class="sr-section" aria-labelledby="sc-reviews-heading">
        <h2 id="sc-reviews-heading">${t('scorecard.reviews')}</h2>
        ${
          !r.round
            ? html`<p class="sr-muted">${t('scorecard.noRound')}</p>`
            : html`<p>
                  <a href="/reviews/${card.consultation.id}/rounds/${r.round.id}"
                    >${t('scorecard.roundLine', {
                      n: r.round.number,
                      status: r.round.status === 'open' ? t('reviews.status.open') : t('reviews.status.closed'),
                      due: formatDateTime(r.round.dueAt),
                    })}</a
                  >
                </p>
                ${r.othersVisible ? nothing : html`<p>${t('scorecard.othersHidden')}</p>`}
                ${
                  r.positions.length === 0
                    ? html`<p class="sr-muted">${t('scorecard.noPositions')}</p>`
                    : html`<ul class="sr-plain-list" id="sc-positions">
                        ${r.positions.map(
                          (p) =>
                            html`<li>
                              <strong>${p.authority}</strong> (${p.reviewerName}):
                              ${t(`reviews.position.${p.position}`)}${p.conditions.length ? html` — ${p.conditions.join('; ')}` : nothing}${p.reasons ? html` — ${p.reasons}` : nothing}
                            </li>`,
                        )}
                      </ul>`
                }`
        }
      </section>`;
  }

  override render() {
    return renderPage(this._task, (card) => {
      const c = card.consultation;
      const s = card.scenario;
      const keys = new Map(card.scenarios.map((x) => [x.id, x.key]));
      const title = t('scorecard.title', { key: s.key });
      const compare = `/reviews/${c.id}/scorecard`;
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/reviews', label: t('reviews.mine.title') },
            { href: compare, label: t('scorecard.compareTitle') },
            { label: title },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${title} <span lang=${locLang(s.title)}>${loc(s.title)}</span></h1>
        <p class="font-lead" lang=${locLang(c.title)}>${loc(c.title)}</p>
        <p>${t('scorecard.statusNow', { status: statusLabel(s.status) })}</p>
        <p class="sr-muted">${t('scorecard.countedAt', { at: formatDateTime(card.countedAt) })}</p>
        <nav aria-label=${t('scorecard.linkHeading')}>
          <ul class="sr-anchor-list">
            <li><a href=${compare} id="sc-compare-link">${t('scorecard.back')}</a></li>
            ${card.scenarios
              .filter((x) => x.id !== s.id)
              .map(
                (x) =>
                  html`<li>
                    <a href="/reviews/${c.id}/scorecard/${x.id}">${t('scorecard.openLink', { key: x.key })}</a>
                  </li>`,
              )}
          </ul>
        </nav>
        ${this._ranking(card, (id) => keys.get(id) ?? '')} ${themesSection(card)} ${this._findings(card)}
        ${partiesSection(card)} ${this._historyAndReviews(card)}`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-scorecard': SrPageScorecard;
  }
}
