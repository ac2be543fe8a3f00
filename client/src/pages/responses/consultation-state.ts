import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Consultation } from '../../api/types.ts';
import { alert } from '../../components/alerts.ts';
import { formatDateTime, formatRelative } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import '../../i18n/parts/responses.ts';

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

const MINUTE = 60_000;

/**
 * How long to wait before looking at the deadline again: until the next whole minute before it, so
 * the time left (shown to the minute at best) stays true and reads "1 minute" in the last one, and
 * the last wait ends at the deadline itself. Waiting a minute at most also keeps far below
 * setTimeout's limit (2^31 − 1 ms, about 24.8 days; a longer delay fires at once), so a deadline
 * weeks away is reached by re-arming. null when there is no deadline or it has passed.
 */
export function nextCheckDelay(c: Pick<Consultation, 'closesAt'>, offset: number, now = Date.now()): number | null {
  if (!c.closesAt) return null;
  const left = new Date(c.closesAt).getTime() - (now + offset);
  if (!(left > 0)) return null;
  return left % MINUTE || MINUTE;
}

/**
 * Keeps a page true to the clock while it is open: re-renders it as the deadline comes nearer (the
 * time left counts down) and, at the deadline, re-renders it once more and calls `onClose`, so a
 * page left open switches to its closed state without a reload. One timer at a time, cleared when
 * the page leaves the document. A deadline that had passed before `watch` is not reported.
 */
export class DeadlineController implements ReactiveController {
  private _c: Pick<Consultation, 'closesAt'> | null = null;
  private _offset = 0;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onClose: () => void,
  ) {
    host.addController(this);
  }

  /** Follows this consultation's deadline, judged with the server's clock (see `clockOffset`). */
  watch(c: Pick<Consultation, 'closesAt'>, offset: number): void {
    this._c = c;
    this._offset = offset;
    this._arm();
  }

  hostConnected(): void {
    this._connected = true;
    this._arm();
  }

  hostDisconnected(): void {
    this._connected = false;
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  private _arm(): void {
    clearTimeout(this._timer);
    this._timer = undefined;
    if (!this._connected || !this._c) return;
    const delay = nextCheckDelay(this._c, this._offset);
    if (delay !== null) this._timer = setTimeout(this._tick, delay);
  }

  private readonly _tick = (): void => {
    this._timer = undefined;
    // The update is requested first, so `onClose` still sees the open page (where focus was) and
    // its `await updateComplete` waits for the closed one.
    this.host.requestUpdate();
    if (this._c && nextCheckDelay(this._c, this._offset) === null) this.onClose();
    else this._arm();
  };
}
