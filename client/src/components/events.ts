import type { Consultation, Scenario, ScenarioSummary } from '../api/types.ts';

/** Typed events that components raise to the page that owns the data (STYLE.md §4). */
export class SrConsultationSavedEvent extends Event {
  static readonly eventName = 'sr-consultation-saved';
  constructor(readonly consultation: Consultation) {
    super(SrConsultationSavedEvent.eventName, { bubbles: true, composed: true });
  }
}

export class SrScenarioSavedEvent extends Event {
  static readonly eventName = 'sr-scenario-saved';
  constructor(readonly scenario: Scenario) {
    super(SrScenarioSavedEvent.eventName, { bubbles: true, composed: true });
  }
}

export class SrScenariosReorderedEvent extends Event {
  static readonly eventName = 'sr-scenarios-reordered';
  constructor(readonly scenarios: ScenarioSummary[]) {
    super(SrScenariosReorderedEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Asks the page to load its data again (after a 409 stale edit). */
export class SrReloadRequestEvent extends Event {
  static readonly eventName = 'sr-reload-request';
  constructor() {
    super(SrReloadRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'sr-consultation-saved': SrConsultationSavedEvent;
    'sr-scenario-saved': SrScenarioSavedEvent;
    'sr-scenarios-reordered': SrScenariosReorderedEvent;
    'sr-reload-request': SrReloadRequestEvent;
  }
}
