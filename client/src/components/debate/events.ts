import type { Ballot } from '../../api/ballots.ts';

/** Typed events of the debate components (STYLE.md §4: components raise events, pages act on them). */

/** Comments changed on the server: the page reloads them, then focuses `focusId` and announces `message`. */
export class SrCommentsChangedEvent extends Event {
  static readonly eventName = 'sr-comments-changed';
  constructor(
    readonly focusId: string | null,
    readonly message: string,
  ) {
    super(SrCommentsChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The ballot was saved (a ballot) or deleted (null). */
export class SrBallotChangedEvent extends Event {
  static readonly eventName = 'sr-ballot-changed';
  constructor(readonly ballot: Ballot | null) {
    super(SrBallotChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'sr-comments-changed': SrCommentsChangedEvent;
    'sr-ballot-changed': SrBallotChangedEvent;
  }
}
