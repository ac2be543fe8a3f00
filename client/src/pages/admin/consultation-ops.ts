import {
  createConsultation,
  replaceDocuments,
  transitionConsultation,
  updateConsultation,
} from '../../api/consultations.ts';
import { uploadDocumentFile } from '../../api/document-files.ts';
import type { ConsultationFormOps } from '../../components/consultation-form-ops.ts';
import type { DocumentsOps } from '../../components/documents-ops.ts';
import type { PhaseOps } from '../../components/phase-ops.ts';

/** The consultation form's saves, for the new-consultation and the consultation page to pass in. */
export const consultationFormOps: ConsultationFormOps = { create: createConsultation, update: updateConsultation };

/** The phase panel's transition, for the consultation page to pass in. */
export const phaseOps: PhaseOps = { transition: transitionConsultation };

/** The documents editor's upload and save, for the consultation page to pass in. */
export const documentsOps: DocumentsOps = { replace: replaceDocuments, upload: uploadDocumentFile };
