import type { z } from 'zod';
import type { ImportReport as ImportReportSchema } from '../../../server/modules/analysis/exchange/exchange.schemas.ts';
import { uploadFileTo } from './attachments.ts';

/** The analysis exchange (issue 11 story 9): downloads by address, the import as an upload with progress. */
export type ImportReport = z.infer<typeof ImportReportSchema>;

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}/analysis`;

export const codingsExportUrl = (consultationId: string, format: 'csv' | 'json', proposed = false) =>
  `${base(consultationId)}/codings.${format}${proposed ? '?proposed=true' : ''}`;

export const projectExportUrl = (consultationId: string, lang: 'da' | 'en') =>
  `${base(consultationId)}/export.qdpx?lang=${lang}`;

/** Uploads a `.qdc` or `.qdpx`: a preview that changes nothing, or (apply) the import itself. */
export const importAnalysis = (
  consultationId: string,
  file: File,
  apply: boolean,
  onProgress: (fraction: number) => void,
): { promise: Promise<ImportReport>; abort: () => void } =>
  uploadFileTo<ImportReport>(`${base(consultationId)}/import${apply ? '?apply=true' : ''}`, file, onProgress);
