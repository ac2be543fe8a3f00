import { copyCodebook, importCodebook } from '../../api/codebook.ts';
import { listConsultations } from '../../api/consultations.ts';
import type { CodebookExchangeOps } from '../../components/analysis/codebook-exchange-ops.ts';

/** The codebook exchange's server operations, for the codebook page to pass in. */
export const codebookExchangeOps: CodebookExchangeOps = {
  consultations: listConsultations,
  copy: copyCodebook,
  import: importCodebook,
};
