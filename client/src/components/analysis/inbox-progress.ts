import { html } from 'lit';
import type { InboxProgress } from '../../api/inbox.ts';
import { formatNumber } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

const pct = (done: number, of: number): number => (of === 0 ? 0 : Math.round((done / of) * 100));

/**
 * The analysis's progress (issue 11 story 5): overall as a sentence, then a table per assignee
 * (items, in progress, analysed, % done). Numbers in text, no bar whose colour alone would tell.
 */
export function inboxProgressSummary(p: InboxProgress, meId: string | undefined, names: ReadonlyMap<string, string>) {
  const who = (id: string | null) =>
    id === null
      ? t('inbox.unassigned')
      : id === meId
        ? t('inbox.progress.you')
        : (names.get(id) ?? `${t('inbox.assignee.other')} (${id.slice(0, 8)})`);
  return html`<p id="inbox-progress-overall">
      ${t('inbox.progress.overall', {
        analysed: p.overall.analysed,
        items: p.overall.items,
        inProgress: p.overall.inProgress,
        pct: pct(p.overall.analysed, p.overall.items),
      })}
    </p>
    ${
      p.byAssignee.length
        ? html`<div
            class="table--responsive-scroll sr-table-scroll"
            tabindex="0"
            role="region"
            aria-labelledby="inbox-progress-heading"
          >
            <table class="table table--compact" id="inbox-progress-table">
              <thead>
                <tr>
                  <th scope="col">${t('inbox.progress.who')}</th>
                  <th scope="col">${t('inbox.progress.items')}</th>
                  <th scope="col">${t('inbox.progress.inProgress')}</th>
                  <th scope="col">${t('inbox.progress.analysed')}</th>
                  <th scope="col">${t('inbox.progress.done')}</th>
                </tr>
              </thead>
              <tbody>
                ${p.byAssignee.map(
                  (r) =>
                    html`<tr>
                      <th scope="row">${who(r.assigneeId)}</th>
                      <td>${formatNumber(r.items)}</td>
                      <td>${formatNumber(r.inProgress)}</td>
                      <td>${formatNumber(r.analysed)}</td>
                      <td>${pct(r.analysed, r.items)} %</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : ''
    }`;
}
