import type { ScenarioSummary } from '../api/types.ts';

/**
 * How `<sr-scenario-order>` saves the scenarios' order, passed in by the consultation page
 * (components do no I/O): the page builds it from `api/scenarios.ts`.
 */
export interface ScenarioOrderOps {
  /** Saves the order of the consultation's scenarios; resolves to them in the saved order. */
  reorder(consultationId: string, scenarioIds: string[]): Promise<ScenarioSummary[]>;
}
