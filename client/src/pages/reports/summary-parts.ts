import { html, nothing } from 'lit';
import { itemHref, type Passage, type ThemeSummary } from '../../api/summaries.ts';
import { formatDate } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/** Template helpers of the theme summary pages (issue 14 story 5); they render what they are given. */

type Coverage = ThemeSummary['coverage'];
type Shown = Omit<Passage, 'cited'>;

/** "2 of 4 passages (50 %)", or "Nothing coded yet". */
export const coverageText = (c: Coverage) =>
  c.passagePercent === null
    ? t('summaries.coverageNone')
    : t('summaries.coverage', { cited: c.citedPassages, total: c.passages, percent: c.passagePercent });

export const itemCoverageText = (c: Coverage) =>
  c.itemPercent === null
    ? t('summaries.coverageNone')
    : t('summaries.coverageItems', { cited: c.citedItems, total: c.items, percent: c.itemPercent });

/** Who sent the item and when: "Hearing response · Karen Jensen · 3 December 2026". */
export const sourceText = (p: Shown) =>
  t('summary.source', {
    kind: t(`summary.kind.${p.itemKind}`),
    label: p.source.label,
    date: p.source.receivedAt ? formatDate(p.source.receivedAt) : '',
  });

/** The coded words (or the start of the item when it is coded whole). */
export function quoteText(p: Shown) {
  return p.quote ?? p.source.excerpt;
}

/** A passage: its quote, where it comes from, and a link to the item. */
export function passageView(consultationId: string, p: Shown, id: string) {
  return html`<blockquote class="sr-passage-quote" id=${id}>${quoteText(p)}</blockquote>
    ${p.quote === null ? html`<p class="sr-muted">${t('summary.wholeItem')}</p>` : nothing}
    <p class="sr-muted">
      ${sourceText(p)} ·
      <a href=${itemHref(consultationId, p)} aria-describedby=${id}>${t('summary.openItem')}</a>
    </p>`;
}
