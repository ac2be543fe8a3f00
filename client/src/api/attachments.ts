import type { z } from 'zod';
import type { AttachmentRef as AttachmentRefSchema } from '../../../server/modules/files/files.schemas.ts';
import { ApiError } from './http.ts';

export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

/** Types the server accepts (it checks the content too, and answers 415 when it lies). */
export const ACCEPT = '.pdf,.docx,.odt,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

export type UploadHandle = { promise: Promise<AttachmentRef>; abort: () => void };

/**
 * Uploads one file with XMLHttpRequest (fetch cannot report upload progress), one file per request.
 * `onProgress` gets 0–1. Fails with an ApiError (status 0 = no connection; 413, 415, 409 …).
 */
export function uploadAttachment(
  consultationId: string,
  file: File,
  onProgress: (fraction: number) => void,
  opts: { source?: 'upload' | 'letter' } = {},
): UploadHandle {
  const query = opts.source === 'letter' ? '?source=letter' : '';
  return uploadFileTo<AttachmentRef>(
    `/api/consultations/${encodeURIComponent(consultationId)}/attachments${query}`,
    file,
    onProgress,
  );
}

/** One file to `url` as multipart/form-data (part `file`), with progress; the 201 body is the result. */
export function uploadFileTo<T>(
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = undefined;
      }
      if (xhr.status === 201 || xhr.status === 200) {
        onProgress(1);
        resolve(payload as T);
        return;
      }
      const e = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
      const fallback =
        xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : xhr.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : `HTTP_${xhr.status}`;
      reject(
        new ApiError(
          xhr.status,
          typeof e?.code === 'string' ? e.code : fallback,
          typeof e?.message === 'string' ? e.message : xhr.statusText,
          e?.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server could not be reached'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export const attachmentUrl = (consultationId: string, attachmentId: string) =>
  `/api/consultations/${encodeURIComponent(consultationId)}/attachments/${encodeURIComponent(attachmentId)}`;
