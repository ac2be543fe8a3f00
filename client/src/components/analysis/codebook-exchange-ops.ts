import type { ImportResult } from '../../api/codebook.ts';
import type { ConsultationSummary } from '../../api/types.ts';

/**
 * What `<sr-codebook-exchange>` does on the server, passed in by the codebook page (components do
 * no I/O): the page builds it from `api/codebook.ts` and `api/consultations.ts`.
 */
export interface CodebookExchangeOps {
  /** One page of the consultations to copy a codebook from. */
  consultations(
    q: { cursor?: string | null; limit?: number },
    signal?: AbortSignal,
  ): Promise<{ items: ConsultationSummary[]; nextCursor: string | null }>;
  /** Copies the codebook of `fromConsultationId` into `consultationId`. */
  copy(consultationId: string, fromConsultationId: string): Promise<ImportResult>;
  /** Imports a codebook document (the parsed JSON file) into `consultationId`. */
  import(consultationId: string, doc: unknown): Promise<ImportResult>;
}
