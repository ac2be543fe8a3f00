import { uploadAttachment } from '../../api/attachments.ts';
import type { AttachmentOps } from '../../components/responses/attachment-ops.ts';

/** The attachments field's upload, for the pages with a response form to pass in. */
export const attachmentOps: AttachmentOps = { upload: uploadAttachment };
