import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Consultation } from '../api/types.ts';

// The clock of a page that shows a deadline (no wording here, so any page may use it without
// loading the responses dictionary).

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
    document.addEventListener('visibilitychange', this._onVisible);
    this._arm();
  }

  hostDisconnected(): void {
    this._connected = false;
    document.removeEventListener('visibilitychange', this._onVisible);
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

  // A tab in the background runs its timers late (browsers throttle them), and a sleeping laptop
  // runs none: coming back into view, the page looks at the clock at once.
  private readonly _onVisible = (): void => {
    if (document.visibilityState === 'visible' && this._timer !== undefined) this._tick();
  };

  private readonly _tick = (): void => {
    clearTimeout(this._timer);
    this._timer = undefined;
    // The update is requested first, so `onClose` still sees the open page (where focus was) and
    // its `await updateComplete` waits for the closed one.
    this.host.requestUpdate();
    if (this._c && nextCheckDelay(this._c, this._offset) === null) this.onClose();
    else this._arm();
  };
}
