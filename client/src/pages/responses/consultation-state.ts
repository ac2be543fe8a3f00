import { html, nothing } from 'lit';
import type { Consultation } from '../../api/types.ts';
import { alert } from '../../components/alerts.ts';
import { formatDateTime, formatRelative } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/**
 * Whether a consultation takes responses now, judged with the server's clock: the offset between
 * the server's `serverTime` and this browser's clock at load time is kept, so a wrong local clock
 * does not open or close the form. The server decides in the end (409 CONSULTATION_CLOSED).
 */
export type OpenState = 'open' | 'not-yet' | 'closed';

export const clockOffset = (c: Pick<Consultation, 'serverTime'>): number =>
  new Date(c.serverTime).getTime() - Date.now();

export function openState(c: Pick<Consultation, 'phase' | 'opensAt' | 'closesAt'>, offset: number): OpenState {
  const now = Date.now() + offset;
  if (c.phase === 'draft') return 'not-yet';
  if (c.phase !== 'open') return 'closed';
  if (c.opensAt && new Date(c.opensAt).getTime() > now) return 'not-yet';
  if (c.closesAt && new Date(c.closesAt).getTime() <= now) return 'closed';
  return 'open';
}

/** "Deadline: 25 November 2026 at 14:00 (closes in 3 weeks)". */
export function timeLeft(c: Pick<Consultation, 'closesAt'>, offset: number) {
  if (!c.closesAt) return nothing;
  const now = new Date(Date.now() + offset);
  return html`<p class="sr-time-left sr-deadline">
    ${t('consultation.deadline')}: <time datetime=${c.closesAt}>${formatDateTime(c.closesAt)}</time>
    <strong>(${t('consultation.closesIn', { relative: formatRelative(c.closesAt, now) })})</strong>
  </p>`;
}

/**
 * The notice of a page that does not take responses. `live: false` when the page announces the
 * closing itself (politely, see DeadlineController) instead of as an alert.
 */
export function closedNotice(c: Pick<Consultation, 'closesAt'>, state: OpenState, opts: { live?: boolean } = {}) {
  return alert(
    'warning',
    state === 'not-yet'
      ? t('resp.notOpen')
      : html`${t('resp.closed')}
        ${c.closesAt ? t('consultation.deadlineWas', { date: formatDateTime(c.closesAt) }) : nothing}`,
    {
      heading: state === 'not-yet' ? t('resp.notOpenHeading') : t('resp.closedHeading'),
      id: 'resp-closed',
      live: opts.live ?? true,
    },
  );
}

export { DeadlineController, nextCheckDelay } from '../../app/deadline.ts';
