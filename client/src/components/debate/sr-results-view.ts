import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cssProps } from '../css-props.ts';
import type { Results } from '../../api/results.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { formatNumber, formatPercent } from './format.ts';
import './debate.css';

type Bar = { label: TemplateResult; value: number; text: string };

/**
 * Ranking results for one segment: for each method a short explanation, a bar chart (CSS bars,
 * hidden from screen readers, with the numbers as text) and a data table with the same numbers.
 */
@customElement('sr-results-view')
export class SrResultsView extends SrLightElement {
  @property({ attribute: false }) results!: Results;

  private _name(i: number): TemplateResult {
    const s = this.results.scenarios[i]!;
    return html`<span class="sr-key">${s.key}</span> <span lang=${locLang(s.title)}>${loc(s.title)}</span>`;
  }

  private _nameOf(id: string | null): TemplateResult | string {
    const i = this.results.scenarios.findIndex((s) => s.id === id);
    return i < 0 ? t('results.none') : this._name(i);
  }

  private _bars(bars: Bar[], max: number) {
    return html`<ul class="sr-bars" aria-hidden="true">
      ${bars.map(
        (b) =>
          html`<li>
            <span>${b.label}</span>
            <span class="sr-bar-track"
              ><span
                class="sr-bar"
                style=${cssProps({ width: `${max > 0 ? Math.round((b.value / max) * 80) : 0}%` })}
              ></span
              >${b.text}</span
            >
          </li>`,
      )}
    </ul>`;
  }

  private _table(id: string, caption: string, head: (string | TemplateResult)[], rows: (string | TemplateResult)[][]) {
    return html`<div class="sr-table-scroll" tabindex="0" role="region" aria-labelledby="${id}-caption">
      <table class="table table--compact sr-results-table" id=${id}>
        <caption id="${id}-caption">
          ${caption}
        </caption>
        <thead>
          <tr>
            ${head.map((h, i) => html`<th scope="col" class=${i > 0 ? 'sr-num' : ''}>${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <th scope="row">${r[0]}</th>
                ${r.slice(1).map((c) => html`<td class="sr-num">${c}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _section(id: string, heading: string, explain: string, body: unknown) {
    return html`<section class="sr-method" aria-labelledby="${id}-heading" id="${id}-section">
      <h2 id="${id}-heading">${heading}</h2>
      <p>${explain}</p>
      ${body}
    </section>`;
  }

  protected override render() {
    const r = this.results;
    if (!r) return nothing;
    const n = r.scenarios.length;
    const idx = r.scenarios.map((_, i) => i);
    if (r.ballotCount === 0) return html`<p class="sr-empty" id="results-empty">${t('results.noBallots')}</p>`;
    const fp = r.firstPreference;
    const first = this._section(
      'first',
      t('results.firstHeading'),
      t('results.firstExplain'),
      html`${this._bars(
        idx.map((i) => ({ label: this._name(i), value: fp.shares[i]!, text: formatPercent(fp.shares[i]!) })),
        1,
      )}
      ${this._table(
        'results-first',
        t('results.firstCaption'),
        [t('results.scenario'), t('results.firstCount'), t('results.share')],
        idx.map((i) => [this._name(i), formatNumber(fp.counts[i]!), formatPercent(fp.shares[i]!)]),
      )}
      ${fp.blank ? html`<p>${t('results.blank', { count: fp.blank })}</p>` : nothing}`,
    );
    const maxBorda = Math.max(...r.borda.points, 0);
    const borda = this._section(
      'borda',
      t('results.bordaHeading'),
      t('results.bordaExplain', { max: n - 1 }),
      html`${this._bars(
        idx.map((i) => ({ label: this._name(i), value: r.borda.points[i]!, text: formatNumber(r.borda.points[i]!) })),
        maxBorda,
      )}
      ${this._table(
        'results-borda',
        t('results.bordaCaption'),
        [t('results.scenario'), t('results.points'), t('results.mean')],
        idx.map((i) => [this._name(i), formatNumber(r.borda.points[i]!), formatNumber(round2(r.borda.mean[i]!))]),
      )}`,
    );
    const pairwise = this._section(
      'pairwise',
      t('results.pairwiseHeading'),
      t('results.pairwiseExplain'),
      html`${this._table(
          'results-pairwise',
          t('results.pairwiseCaption'),
          [t('results.rowOverColumn'), ...idx.map((j) => html`<span class="sr-key">${r.scenarios[j]!.key}</span>`)],
          idx.map((i) => [
            this._name(i),
            ...idx.map((j) =>
              i === j
                ? html`<span aria-hidden="true">–</span><span class="sr-only">${t('results.sameScenario')}</span>`
                : r.pairwise[i]![j]! > r.pairwise[j]![i]!
                  ? html`<strong>${formatNumber(r.pairwise[i]![j]!)}</strong>`
                  : formatNumber(r.pairwise[i]![j]!),
            ),
          ]),
        )}
        <p>
          ${t('results.condorcetLabel')}
          <strong id="results-condorcet"
            >${r.condorcetWinner ? this._nameOf(r.condorcetWinner) : t('results.noCondorcet')}</strong
          >
        </p>`,
    );
    const schulze = this._section(
      'schulze',
      t('results.schulzeHeading'),
      t('results.schulzeExplain'),
      html`<ol class="sr-schulze-order" id="results-schulze">
          ${r.schulze.order.map(
            (tier) =>
              html`<li>
                ${tier.map((id, k) => html`${k > 0 ? html` <em>${t('results.tiedWith')}</em> ` : nothing}${this._nameOf(id)}`)}
              </li>`,
          )}
        </ol>
        ${this._table(
          'results-schulze-table',
          t('results.schulzeCaption'),
          [t('results.scenario'), t('results.place')],
          idx
            .slice()
            .sort((a, b) => r.schulze.positions[a]! - r.schulze.positions[b]!)
            .map((i) => [this._name(i), formatNumber(r.schulze.positions[i]!)]),
        )}`,
    );
    const st = r.stability;
    const stability = this._section(
      'stability',
      t('results.stabilityHeading'),
      t('results.stabilityExplain', { resamples: st.resamples }),
      html`<p id="results-winner-retained">
          ${
            st.winner && st.winnerRetained !== null
              ? html`${t('results.winnerRetained', { share: formatPercent(st.winnerRetained) })}
                  <strong>${this._nameOf(st.winner)}</strong>`
              : t('results.noStableWinner')
          }
        </p>
        ${this._table(
          'results-stability',
          t('results.stabilityCaption'),
          [t('results.scenario'), ...idx.map((k) => t('results.placeN', { n: k + 1 }))],
          idx.map((i) => [this._name(i), ...idx.map((k) => formatPercent(st.rankShares[i]?.[k] ?? 0))]),
        )}`,
    );
    return html`${first}${borda}${pairwise}${schulze}${stability}`;
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

declare global {
  interface HTMLElementTagNameMap {
    'sr-results-view': SrResultsView;
  }
}
