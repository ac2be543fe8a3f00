import { html, nothing } from 'lit';
import type { AgreementResults } from '../../api/agreement.ts';
import { formatNumber } from '../../i18n/format.ts';
import { getLocale, loc, t } from '../../i18n/i18n.ts';

type Figures = AgreementResults['overall'];

const tag = () => (getLocale() === 'da' ? 'da-DK' : 'en-GB');
const decimal = (x: number | null) =>
  x === null
    ? t('agreement.undefined')
    : x.toLocaleString(tag(), { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const percent = (x: number | null) =>
  x === null ? t('agreement.undefined') : x.toLocaleString(tag(), { style: 'percent', maximumFractionDigits: 1 });

/** The reading in words (never colour alone), with the α it rests on. */
const reading = (f: Figures) =>
  html`<span class="sr-reading sr-reading-${f.reading}">${t(`agreement.reading.${f.reading}`)}</span>`;

function row(label: unknown, f: Figures, disagreements: number | null, twoCoders: boolean) {
  return html`<tr>
    <th scope="row">${label}</th>
    <td>${formatNumber(f.units)}</td>
    <td>${percent(f.percentAgreement)}</td>
    ${twoCoders ? html`<td>${decimal(f.kappa)}</td>` : nothing}
    <td>${decimal(f.alpha)}</td>
    <td>${reading(f)}</td>
    <td>${disagreements === null ? '' : formatNumber(disagreements)}</td>
  </tr>`;
}

/**
 * The statistics table (issue 11 story 7): all tags together, then each tag: items compared,
 * percentage agreement, Cohen's κ (two coders), Krippendorff's α and its reading in words.
 */
export function agreementTable(r: AgreementResults) {
  if (r.tags.length === 0) return html`<p class="sr-empty" id="agreement-no-codings">${t('agreement.noCodings')}</p>`;
  const two = r.coders.length === 2;
  return html`<div
    class="table--responsive-scroll sr-table-scroll"
    tabindex="0"
    role="region"
    aria-labelledby="agreement-results-heading"
  >
    <table class="table table--compact" id="agreement-table">
      <thead>
        <tr>
          <th scope="col">${t('agreement.col.tag')}</th>
          <th scope="col">${t('agreement.col.units')}</th>
          <th scope="col">${t('agreement.col.percent')}</th>
          ${two ? html`<th scope="col">${t('agreement.col.kappa')}</th>` : nothing}
          <th scope="col">${t('agreement.col.alpha')}</th>
          <th scope="col">${t('agreement.col.reading')}</th>
          <th scope="col">${t('agreement.col.disagreements')}</th>
        </tr>
      </thead>
      <tbody>
        ${row(html`<strong>${t('agreement.overall')}</strong>`, r.overall, r.disagreements.length, two)}
        ${r.tags.map((g) => row(loc(g.name), g, g.disagreements, two))}
      </tbody>
    </table>
  </div>`;
}

/** The disagreements side by side: the input (linked), the tag, who applied it (with their words) and who did not. */
export function disagreementsTable(r: AgreementResults, itemHref: (kind: string, id: string) => string) {
  if (r.disagreements.length === 0)
    return html`<p class="sr-empty" id="agreement-no-disagreements">${t('agreement.disagreements.none')}</p>`;
  const names = new Map(r.coders.map((c) => [c.id, c.name]));
  const tagNames = new Map(r.tags.map((g) => [g.tagId, loc(g.name)]));
  const name = (id: string) => names.get(id) ?? id.slice(0, 8);
  return html`<div
    class="table--responsive-scroll sr-table-scroll"
    tabindex="0"
    role="region"
    aria-labelledby="agreement-disagreements-heading"
  >
    <table class="table table--compact" id="agreement-disagreements">
      <thead>
        <tr>
          <th scope="col">${t('agreement.col.item')}</th>
          <th scope="col">${t('agreement.col.tag')}</th>
          <th scope="col">${t('agreement.col.applied')}</th>
          <th scope="col">${t('agreement.col.notApplied')}</th>
        </tr>
      </thead>
      <tbody>
        ${r.disagreements.map(
          (d) =>
            html`<tr>
              <td>
                <p>${d.excerpt}</p>
                <a href=${itemHref(d.itemKind, d.itemId)}>${t('agreement.open')}</a>
              </td>
              <td>${tagNames.get(d.tagId) ?? ''}</td>
              <td>
                <ul class="nobullet-list">
                  ${d.applied.map((a) => html`<li>${name(a.coderId)}${a.quotes.map((q) => html` <q>${q}</q>`)}</li>`)}
                </ul>
              </td>
              <td>${d.notApplied.map(name).join(', ')}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
