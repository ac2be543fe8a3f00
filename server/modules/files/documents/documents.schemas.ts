import { z } from 'zod';

/** Uploaded consultation documents (issue 10 item 14): contracts only (the client imports them). */
export const DocumentFile = z
  .object({
    id: z.uuid(),
    url: z.string().describe('Where it is served; put it in the consultation’s document list'),
    filename: z.string(),
    mediaType: z.string().describe('Detected from the content'),
    sizeBytes: z.number().int(),
  })
  .describe('An uploaded document file');

export const DocumentFileParams = z.object({
  id: z.string().min(1).max(80).describe('Consultation id or slug'),
  fileId: z.uuid(),
});
