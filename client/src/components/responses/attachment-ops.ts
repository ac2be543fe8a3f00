import type { UploadHandle } from '../../api/attachments.ts';

/**
 * How `<sr-attachments-field>` uploads a file, passed in by the page (components do no I/O): the
 * page builds it from `api/attachments.ts` and hands it down through `<sr-response-form>`.
 */
export interface AttachmentOps {
  /** Starts uploading one file; `onProgress` gets 0–1; the handle's promise fails with an ApiError. */
  upload(
    consultationId: string,
    file: File,
    onProgress: (fraction: number) => void,
    opts: { source?: 'upload' | 'letter' },
  ): UploadHandle;
}
