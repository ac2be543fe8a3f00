import type { DocumentFile } from '../api/document-files.ts';
import type { Consultation, DocumentsInput } from '../api/types.ts';

/**
 * What `<sr-documents-editor>` does on the server, passed in by the consultation page (components
 * do no I/O): the page builds it from `api/consultations.ts` and `api/document-files.ts`.
 */
export interface DocumentsOps {
  /** Replaces the consultation's documents; resolves to the saved consultation. */
  replace(consultationId: string, body: DocumentsInput): Promise<Consultation>;
  /** Starts uploading one document file; `onProgress` gets 0–1; the handle's promise fails with an ApiError. */
  upload(
    consultationId: string,
    file: File,
    onProgress: (fraction: number) => void,
  ): { promise: Promise<DocumentFile>; abort: () => void };
}
