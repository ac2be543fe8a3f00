import { html, nothing } from 'lit';
import type { ScenarioScorecard } from '../../api/reviews.ts';
import { formatNumber } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * Sections of the scenario scorecard page (sr-page-scorecard.ts) that render what it fetched: the
 * themes for and against with their quotes, and the consulted parties. No I/O.
 */
type Card = ScenarioScorecard;
type Quote = Card['themes'][number]['quotes'][number];
type Stances = Card['themes'][number]['stances'];
const STANCES = ['for', 'against', 'neutral', 'mixed', 'none'] as const;

/** A table in a scrolling region a keyboard can reach (wide tables on a phone). */
export const scrollTable = (label: string, table: unknown) =>
  html`<div class="table--responsive-scroll sr-table-scroll" tabindex="0" role="region" aria-label=${label}>
    ${table}
  </div>`;

export const statusLabel = (s: string) => t(`scorecard.status.${s}` as 'scorecard.status.candidate');
export const segmentLabel = (s: string) => t(`scorecard.segment.${s}` as 'scorecard.segment.all');

/** A quoted passage with its stance, who wrote it, whether a campaign member, and its source. */
export function quoteItem(q: Quote) {
  const kind = t(`scorecard.source.${q.source.kind}` as 'scorecard.source.response');
  const who = t(`scorecard.actingAs.${q.actingAs ?? 'unknown'}` as 'scorecard.actingAs.unknown');
  return html`<li>
    <blockquote class="sr-quote">${q.quote}</blockquote>
    <p class="sr-muted">
      ${t(`scorecard.stance.${q.stance}` as 'scorecard.stance.for')} · ${who} ·
      ${q.campaign ? html`<strong>${t('scorecard.campaignLabel')}</strong> · ` : nothing}
      ${q.source.href ? html`<a href=${q.source.href}>${t('scorecard.openSource', { kind })}</a>` : kind}
    </p>
  </li>`;
}

function stanceCells(s: Stances) {
  return STANCES.map((k) => html`<td>${formatNumber(s[k])}</td>`);
}

/** The themes for and against: counts by stakeholder type, campaign members apart, and quotes. */
export function themesSection(card: Card) {
  return html`<section class="sr-section" aria-labelledby="sc-themes-heading">
    <h2 id="sc-themes-heading">${t('scorecard.themes')}</h2>
    <p>${t('scorecard.themesIntro')}</p>
    ${card.themes.length === 0 ? html`<p class="sr-muted">${t('scorecard.noThemes')}</p>` : nothing}
    ${card.themes.map((th, i) => {
      const name = loc(th.name);
      return html`<h3 class="h4" id="sc-theme-${i}" lang=${locLang(th.name)}>${name}</h3>
        ${scrollTable(
          name,
          html`<table class="table table--compact" id="sc-theme-table-${i}">
            <caption>
              ${name}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('scorecard.col.who')}</th>
                ${STANCES.map((k) => html`<th scope="col">${t(`scorecard.stance.${k}`)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${th.byActingAs.map(
                (r) =>
                  html`<tr>
                    <th scope="row">${t(`scorecard.actingAs.${r.actingAs}` as 'scorecard.actingAs.unknown')}</th>
                    ${stanceCells(r.stances)}
                  </tr>`,
              )}
              <tr>
                <th scope="row">${t('scorecard.total')}</th>
                ${stanceCells(th.stances)}
              </tr>
              <tr>
                <th scope="row">${t('scorecard.campaignRow')}</th>
                ${stanceCells(th.campaign)}
              </tr>
            </tbody>
          </table>`,
        )}
        ${
          th.quotes.length
            ? html`<h4 class="h5">${t('scorecard.quotes')}: ${name}</h4>
                <ul class="sr-plain-list">
                  ${th.quotes.map((q) => quoteItem(q))}
                </ul>`
            : nothing
        }`;
    })}
  </section>`;
}

/** The høringsliste: each party's answer and its coded quotes on the scenario. */
export function partiesSection(card: Card) {
  const answer = (p: Card['parties'][number]) =>
    p.answered
      ? t('scorecard.answered')
      : p.noComments
        ? t('scorecard.noComments')
        : p.invited
          ? t('scorecard.notAnswered')
          : t('scorecard.notInvited');
  return html`<section class="sr-section" aria-labelledby="sc-parties-heading">
    <h2 id="sc-parties-heading">${t('scorecard.parties')}</h2>
    ${
      card.parties.length === 0
        ? html`<p class="sr-muted">${t('scorecard.noParties')}</p>`
        : scrollTable(
            t('scorecard.parties'),
            html`<table class="table table--compact" id="sc-parties">
              <caption>
                ${t('scorecard.parties')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('scorecard.col.party')}</th>
                  <th scope="col">${t('scorecard.col.answer')}</th>
                  <th scope="col">${t('scorecard.col.said')}</th>
                </tr>
              </thead>
              <tbody>
                ${card.parties.map(
                  (p) =>
                    html`<tr>
                      <th scope="row">${p.name}</th>
                      <td>${answer(p)}</td>
                      <td>
                        ${
                          p.quotes.length
                            ? html`<ul class="sr-plain-list">
                                ${p.quotes.map((q) => quoteItem(q))}
                              </ul>`
                            : p.answered
                              ? t('scorecard.nothingCoded')
                              : '—'
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`,
          )
    }
  </section>`;
}
