import { changeScenarioStatus, reorderScenarios } from '../../api/scenarios.ts';
import type { ScenarioOrderOps } from '../../components/scenario-order-ops.ts';
import type { StatusOps } from '../../components/status-ops.ts';

/** The scenario order's save, for the consultation page to pass in. */
export const scenarioOrderOps: ScenarioOrderOps = { reorder: reorderScenarios };

/** The status form's change, for the scenario page to pass in. */
export const statusOps: StatusOps = { change: changeScenarioStatus };
