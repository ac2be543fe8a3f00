import type { z } from 'zod';
import type { DocumentFile as DocumentFileSchema } from '../../../server/modules/files/documents/documents.schemas.ts';
import { uploadFileTo } from './attachments.ts';

export type DocumentFile = z.infer<typeof DocumentFileSchema>;

/** An admin uploads a consultation document (issue 10 item 14); its type and size come from the file. */
export const uploadDocumentFile = (consultationId: string, file: File, onProgress: (fraction: number) => void) =>
  uploadFileTo<DocumentFile>(
    `/api/consultations/${encodeURIComponent(consultationId)}/document-files`,
    file,
    onProgress,
  );
