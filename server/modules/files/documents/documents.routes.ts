import type { FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, optionalSession } from '../../../shared/schemas.ts';
import { ACCEPTED_TYPES } from '../files.rules.ts';
import { UploadBody, UploadParams } from '../files.schemas.ts';
import type { FilesContext, UploadParts } from '../files.service.ts';
import { DocumentFile, DocumentFileParams } from './documents.schemas.ts';
import { downloadDocumentFile, uploadDocumentFile } from './documents.service.ts';

/** Uploaded consultation documents (issue 10 item 14); registered inside the files routes' multipart scope. */

const FileBytes = z.string().meta({ format: 'binary' });

export const documentRoutes =
  (multipartFiles: (req: FastifyRequest) => UploadParts): FastifyPluginAsyncZod<{ ctx: FilesContext }> =>
  async (app, { ctx }) => {
    app.post(
      '/api/consultations/:id/document-files',
      {
        onRequest: app.requireRole('admin'),
        validatorCompiler: (def) =>
          def.httpPart === 'body'
            ? () => true
            : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
        schema: {
          tags: ['consultations'],
          summary: 'Upload a document of the consultation (admin); its type and size come from the file',
          description:
            'PDF, DOCX, ODT, PNG or JPEG, detected from the content (415 when it does not match the name); ' +
            'files over UPLOAD_MAX_BYTES are refused (413). Link it by putting `url` in the document list.',
          security: [{ session: [] }],
          consumes: ['multipart/form-data'],
          params: UploadParams,
          body: UploadBody,
          response: {
            201: DocumentFile,
            400: ErrorBody,
            401: ErrorBody,
            403: ErrorBody,
            404: ErrorBody,
            413: ErrorBody,
            415: ErrorBody,
          },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await uploadDocumentFile(ctx, req.actor, req.params.id, multipartFiles(req))),
    );

    app.get(
      '/api/consultations/:id/document-files/:fileId',
      {
        schema: {
          tags: ['consultations'],
          summary: 'Download an uploaded document of a consultation (anyone who can read the consultation)',
          security: optionalSession,
          params: DocumentFileParams,
          response: {
            200: {
              description: 'The file with its detected type',
              content: Object.fromEntries(ACCEPTED_TYPES.map((t) => [t.mediaType, { schema: FileBytes }])),
            },
            400: ErrorBody,
            404: ErrorBody,
          },
        },
      },
      async (req, reply) => {
        const d = await downloadDocumentFile(ctx, req.actor, req.params.id, req.params.fileId);
        void reply
          .type(d.file.mediaType)
          .header('content-length', d.file.sizeBytes)
          .header('content-disposition', d.disposition)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox");
        return reply.send(d.stream as unknown as string);
      },
    );
  };
