import type { Consultation, CreateConsultationInput, UpdateConsultationInput } from '../api/types.ts';

/**
 * How `<sr-consultation-form>` saves a consultation, passed in by the page that hosts it
 * (components do no I/O): the page builds it from `api/consultations.ts`.
 */
export interface ConsultationFormOps {
  /** Creates a consultation; resolves to it as saved. */
  create(body: CreateConsultationInput): Promise<Consultation>;
  /** Saves the changes to consultation `id`; resolves to it as saved. */
  update(id: string, body: UpdateConsultationInput): Promise<Consultation>;
}
