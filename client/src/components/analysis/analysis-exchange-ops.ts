import type { ImportReport } from '../../api/exchange.ts';

/**
 * What `<sr-analysis-exchange>` does on the server, passed in by the codebook page (components do
 * no I/O): the page builds it from `api/exchange.ts`.
 */
export interface AnalysisExchangeOps {
  /** Uploads a `.qdc` or `.qdpx` to preview (apply false) or import it; `onProgress` gets 0–1. */
  import(
    consultationId: string,
    file: File,
    apply: boolean,
    onProgress: (fraction: number) => void,
  ): { promise: Promise<ImportReport>; abort: () => void };
}
