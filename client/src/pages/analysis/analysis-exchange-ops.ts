import { importAnalysis } from '../../api/exchange.ts';
import type { AnalysisExchangeOps } from '../../components/analysis/analysis-exchange-ops.ts';

/** The analysis exchange's server operations, for the codebook page to pass in. */
export const analysisExchangeOps: AnalysisExchangeOps = { import: importAnalysis };
