import { z } from 'zod';

/** Contracts of the files module; imports only zod, so the client may import it too. */

export const AttachmentRef = z
  .object({
    id: z.uuid(),
    filename: z.string().describe('Sanitised display name'),
    mediaType: z.string().describe('Detected from the content (magic bytes), not from the name or the client'),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 of the stored bytes, hex'),
  })
  .describe('An uploaded attachment');
export type AttachmentRef = z.infer<typeof AttachmentRef>;

export const UploadParams = z.object({ id: z.string().min(1).max(80).describe('Consultation id or slug') });

export const UploadQuery = z.object({
  source: z
    .enum(['upload', 'letter'])
    .default('upload')
    .describe('`letter`: a file of a response that arrived by post or e-mail (admins and analysts only)'),
});

/**
 * The multipart body, for the OpenAPI document only: the route reads the stream itself (one file
 * per request, so the browser can show progress per file) and never lets a validator buffer it.
 */
export const UploadBody = z
  .object({ file: z.string().meta({ format: 'binary' }).describe('PDF, DOCX, ODT, PNG or JPEG') })
  .describe('multipart/form-data with one file part named `file`');

export const DownloadParams = z.object({ id: z.uuid().describe('Consultation id'), attachmentId: z.uuid() });

/** Job payload of `files.extract`. */
export const ExtractJob = z.object({ consultationId: z.uuid(), id: z.uuid() });
export type ExtractJob = z.infer<typeof ExtractJob>;
