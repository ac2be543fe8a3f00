import { changeScenarioStatus, createScenario, reorderScenarios, updateScenario } from '../../api/scenarios.ts';
import type { ScenarioFormOps } from '../../components/scenario-form-ops.ts';
import type { ScenarioOrderOps } from '../../components/scenario-order-ops.ts';
import type { StatusOps } from '../../components/status-ops.ts';

/** The scenario form's saves, for the new-scenario and the scenario page to pass in. */
export const scenarioFormOps: ScenarioFormOps = { create: createScenario, update: updateScenario };

/** The scenario order's save, for the consultation page to pass in. */
export const scenarioOrderOps: ScenarioOrderOps = { reorder: reorderScenarios };

/** The status form's change, for the scenario page to pass in. */
export const statusOps: StatusOps = { change: changeScenarioStatus };
