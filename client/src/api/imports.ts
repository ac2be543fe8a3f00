import type { z } from 'zod';
import type {
  ImportRowPage as ImportRowPageSchema,
  ImportView as ImportViewSchema,
} from '../../../server/modules/responses/import/import.schemas.ts';
import { ApiError, request } from './http.ts';

/** Bulk imports of letters and e-mails (issue 12 story 3). */
export type ImportView = z.infer<typeof ImportViewSchema>;
export type ImportRowPage = z.infer<typeof ImportRowPageSchema>;
export type ImportRow = ImportRowPage['items'][number];

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}/imports`;

export const getImport = (consultationId: string, importId: string, signal?: AbortSignal) =>
  request<ImportView>(`${base(consultationId)}/${encodeURIComponent(importId)}`, { signal });

export const listImports = (consultationId: string, signal?: AbortSignal) =>
  request<{ items: ImportView[] }>(base(consultationId), { signal });

export const getImportRows = (consultationId: string, importId: string, q: { errorsOnly: boolean; after?: number }) =>
  request<ImportRowPage>(
    `${base(consultationId)}/${encodeURIComponent(importId)}/rows?limit=200&after=${q.after ?? 0}&errors=${q.errorsOnly}`,
  );

export const commitImport = (consultationId: string, importId: string) =>
  request<ImportView>(`${base(consultationId)}/${encodeURIComponent(importId)}/commit`, { method: 'POST' });

/** All the files in one multipart request (parts named `file`), with upload progress (XMLHttpRequest). */
export function stageImport(
  consultationId: string,
  files: readonly File[],
  onProgress: (fraction: number) => void,
): Promise<ImportView> {
  const xhr = new XMLHttpRequest();
  return new Promise<ImportView>((resolve, reject) => {
    xhr.open('POST', base(consultationId));
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
      if (xhr.status === 201) {
        onProgress(1);
        resolve(payload as ImportView);
        return;
      }
      const e = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          typeof e?.code === 'string' ? e.code : `HTTP_${xhr.status}`,
          typeof e?.message === 'string' ? e.message : xhr.statusText,
          e?.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server could not be reached'));
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    xhr.send(form);
  });
}
