import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getScorecardComparison } from '../../api/reviews.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderPage } from '../../app/page-state.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { scrollTable, segmentLabel, statusLabel } from './scorecard-sections.ts';

/**
 * `/reviews/:consultationId/scorecard`: every scenario side by side on the scorecard's measures
 * (issue 14 story 2) — place per group (groups hidden from this reader or empty are left out, and
 * said so), coded input for and against with campaign members, findings by severity, and the
 * current round's positions — each row linking to the scenario's own scorecard.
 */
@customElement('sr-page-scorecard-comparison')
export class SrPageScorecardComparison extends SrLightElement implements SrPage {
  @property() consultationId = '';

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => getScorecardComparison(id, signal),
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  override render() {
    return renderPage(this._task, (cmp) => {
      const c = cmp.consultation;
      const title = t('scorecard.compareTitle');
      const shown = cmp.segments.filter((s) => !s.hidden && (s.ballots ?? 0) > 0);
      const hidden = cmp.segments.filter((s) => s.hidden);
      const r = cmp.round;
      return html`<sr-breadcrumbs
          .items=${[{ href: '/reviews', label: t('reviews.mine.title') }, { label: title }]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${title}</h1>
        <p class="font-lead" lang=${locLang(c.title)}>${loc(c.title)}</p>
        <p>${t('scorecard.compareIntro')}</p>
        <p class="sr-muted">${t('scorecard.countedAt', { at: formatDateTime(cmp.countedAt) })}</p>
        ${
          r
            ? html`<p>
                <a href="/reviews/${c.id}/rounds/${r.id}" id="cmp-round-link"
                  >${t('scorecard.roundLine', {
                    n: r.number,
                    status: r.status === 'open' ? t('reviews.status.open') : t('reviews.status.closed'),
                    due: formatDateTime(r.dueAt),
                  })}</a
                >
              </p>`
            : html`<p class="sr-muted">${t('scorecard.noRound')}</p>`
        }
        ${cmp.othersVisible ? nothing : html`<p>${t('scorecard.othersHidden')}</p>`}
        ${
          hidden.length
            ? html`<p>
                ${hidden.map((s) => segmentLabel(s.segment)).join(', ')}:
                ${t('scorecard.hidden', { n: cmp.minSegmentSize })}
              </p>`
            : nothing
        }
        ${scrollTable(
          title,
          html`<table class="table table--compact table--zebra" id="cmp-table">
            <caption>
              ${title}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('scorecard.col.scenario')}</th>
                <th scope="col">${t('scorecard.col.status')}</th>
                ${shown.map((s) => html`<th scope="col">${t('scorecard.col.place')}: ${segmentLabel(s.segment)}</th>`)}
                <th scope="col">${t('scorecard.col.forAgainst')}</th>
                <th scope="col">${t('scorecard.col.findings')}</th>
                <th scope="col">${t('scorecard.col.positions')}</th>
              </tr>
            </thead>
            <tbody>
              ${cmp.scenarios.map(
                (s) =>
                  html`<tr>
                    <th scope="row">
                      <a href="/reviews/${c.id}/scorecard/${s.id}" id="cmp-open-${s.key}"
                        >${s.key} <span lang=${locLang(s.title)}>${loc(s.title)}</span></a
                      >
                    </th>
                    <td>${statusLabel(s.status)}</td>
                    ${shown.map((seg) => {
                      const p = s.places.find((x) => x.segment === seg.segment);
                      return html`<td>${p?.position ? `${p.position}${p.tied ? '=' : ''}` : '—'}</td>`;
                    })}
                    <td>
                      ${t('scorecard.forAgainst', { for: s.stances.for, against: s.stances.against, campaign: s.campaign })}
                    </td>
                    <td>${s.findings.critical} / ${s.findings.major} / ${s.findings.minor} / ${s.findings.cosmetic}</td>
                    <td>${s.reviews.supports} / ${s.reviews.supports_with_conditions} / ${s.reviews.objects}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
        )}`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-scorecard-comparison': SrPageScorecardComparison;
  }
}
