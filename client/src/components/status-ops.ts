import type { Scenario, StatusInput } from '../api/types.ts';

/**
 * How `<sr-status-form>` changes a scenario's status, passed in by the scenario page (components
 * do no I/O): the page builds it from `api/scenarios.ts`.
 */
export interface StatusOps {
  /** Changes scenario `id`'s status; resolves to the saved scenario. */
  change(id: string, body: StatusInput): Promise<Scenario>;
}
