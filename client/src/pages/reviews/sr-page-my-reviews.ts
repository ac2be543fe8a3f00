import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getMyReviews, type MyReviews } from '../../api/reviews.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderPage } from '../../app/page-state.ts';
import { phaseBadge } from '../../components/badges.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * `/reviews`: "My reviews" (issue 14 story 3). The consultations the signed-in reviewer reviews for
 * a public authority, each with its rounds, due dates and how many scenarios they have taken a
 * position on; a round links to its page with one form per scenario.
 */
@customElement('sr-page-my-reviews')
export class SrPageMyReviews extends SrLightElement implements SrPage {
  private readonly _task = new Task(this, {
    task: async (_args, { signal }) => getMyReviews(signal),
    args: () => [] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _item(item: MyReviews['items'][number]) {
    const c = item.consultation;
    return html`<li class="sr-review-item">
      <h2 class="h3" lang=${locLang(c.title)}>${loc(c.title)}</h2>
      <p>${t('reviews.mine.authority', { name: item.authority })} ${phaseBadge(c.phase as never)}</p>
      ${
        item.rounds.length === 0
          ? html`<p class="sr-muted">${t('reviews.noRounds')}</p>`
          : html`<ul class="sr-anchor-list">
              ${item.rounds.map(
                (r) =>
                  html`<li>
                    <a href="/reviews/${c.id}/rounds/${r.id}" id="my-round-${r.id}"
                      >${t('reviews.round', { n: r.number })}</a
                    >
                    — ${r.status === 'open' ? t('reviews.status.open') : t('reviews.status.closed')},
                    ${t('reviews.due', { date: formatDateTime(r.dueAt) })}.
                    ${t('reviews.progress', { signed: r.signed, total: r.scenarios })}.
                  </li>`,
              )}
            </ul>`
      }
    </li>`;
  }

  override render() {
    return renderPage(
      this._task,
      (mine) =>
        html`<h1 tabindex="-1">${t('reviews.mine.title')}</h1>
          <p class="font-lead">${t('reviews.mine.intro')}</p>
          ${
            mine.items.length === 0
              ? html`<p id="my-reviews-none">${t('reviews.mine.none')}</p>`
              : html`<ul class="sr-card-list" id="my-reviews">
                  ${mine.items.map((i) => this._item(i))}
                </ul>`
          }
          ${nothing}`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-my-reviews': SrPageMyReviews;
  }
}
