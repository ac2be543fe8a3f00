import type { CreateScenarioInput, Scenario, UpdateScenarioInput } from '../api/types.ts';

/**
 * How `<sr-scenario-form>` saves a scenario, passed in by the page that hosts it (components do
 * no I/O): the page builds it from `api/scenarios.ts`.
 */
export interface ScenarioFormOps {
  /** Adds a scenario to consultation `consultationId`; resolves to it as saved. */
  create(consultationId: string, body: CreateScenarioInput): Promise<Scenario>;
  /** Saves the changes to scenario `id`; resolves to it as saved. */
  update(id: string, body: UpdateScenarioInput): Promise<Scenario>;
}
