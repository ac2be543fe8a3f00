import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SrLightElement } from '../app/light-element.ts';
import type { ConsultationSummary } from '../api/types.ts';
import { loc, locLang, t } from '../i18n/i18n.ts';
import { formatDate, formatRelative } from '../i18n/format.ts';
import { phaseBadge } from './badges.ts';

/**
 * One consultation in a list: title (a link), summary, phase, closing date and IT-project stage.
 *
 * @property consultation - the consultation to show
 * @property now - the time "closes in …" is measured from
 */
@customElement('sr-consultation-card')
export class SrConsultationCard extends SrLightElement {
  @property({ attribute: false }) consultation!: ConsultationSummary;
  @property({ attribute: false }) now: Date = new Date();

  private _deadline() {
    const c = this.consultation;
    if (!c.closesAt) return nothing;
    const closes = new Date(c.closesAt);
    const date = html`<time datetime=${c.closesAt}>${formatDate(closes)}</time>`;
    if (c.phase === 'open' && closes > this.now) {
      return html`<li class="sr-deadline">
        <strong>${t('consultation.closesIn', { relative: formatRelative(closes, this.now) })}</strong> (${date})
      </li>`;
    }
    return html`<li class="sr-deadline">${t('consultation.deadline')}: ${date}</li>`;
  }

  protected override render() {
    const c = this.consultation;
    if (!c) return nothing;
    const title = loc(c.title);
    const summary = loc(c.summary);
    return html`<article class="sr-card" data-slug=${c.slug}>
      <h3 class="h4 sr-card-title">
        <a href="/consultations/${encodeURIComponent(c.slug)}" class="sr-consultation-link" lang=${locLang(c.title)}
          >${title}</a
        >
      </h3>
      ${summary ? html`<p class="sr-card-summary" lang=${locLang(c.summary)}>${summary}</p>` : nothing}
      <ul class="sr-meta">
        <li>${phaseBadge(c.phase)}</li>
        ${this._deadline()}
        <li>${t('stage.label')}: ${t(`stage.${c.itStage}`)}</li>
        <li>${t('consultation.scenarioCount', { count: c.scenarioCount })}</li>
      </ul>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-consultation-card': SrConsultationCard;
  }
}
