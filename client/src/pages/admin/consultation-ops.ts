import { replaceDocuments, transitionConsultation } from '../../api/consultations.ts';
import { uploadDocumentFile } from '../../api/document-files.ts';
import type { DocumentsOps } from '../../components/documents-ops.ts';
import type { PhaseOps } from '../../components/phase-ops.ts';

/** The phase panel's transition, for the consultation page to pass in. */
export const phaseOps: PhaseOps = { transition: transitionConsultation };

/** The documents editor's upload and save, for the consultation page to pass in. */
export const documentsOps: DocumentsOps = { replace: replaceDocuments, upload: uploadDocumentFile };
