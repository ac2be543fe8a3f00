import { reorderScenarios } from '../../api/scenarios.ts';
import type { ScenarioOrderOps } from '../../components/scenario-order-ops.ts';

/** The scenario order's save, for the consultation page to pass in. */
export const scenarioOrderOps: ScenarioOrderOps = { reorder: reorderScenarios };
