import type { AttachmentRef } from '../files/files.service.ts';
import type { StaffResponse } from './publication.schemas.ts';
import type { PublicResponse } from './public.schemas.ts';
import type { StaffRow } from './responses.repository.ts';
import { publicIdentity } from './responses.rules.ts';
import type { AttachmentView, OwnResponse } from './responses.schemas.ts';
import type { PublishedRow } from './listing.repository.ts';

/** Rows never leave a service unmapped (STYLE.md §2): one mapper per audience. */
type AnswerList = { questionId: string; value: unknown }[];

export const attachmentUrl = (consultationId: string, attachmentId: string, baseUrl = '') =>
  `${baseUrl}/api/consultations/${consultationId}/attachments/${attachmentId}`;

export function toAttachmentViews(
  consultationId: string,
  refs: readonly AttachmentRef[] | undefined,
  baseUrl = '',
): AttachmentView[] {
  return (refs ?? []).map((a) => ({
    id: a.id,
    filename: a.filename,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
    url: attachmentUrl(consultationId, a.id, baseUrl),
  }));
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toPublicItem(
  r: PublishedRow,
  answers: AnswerList | undefined,
  refs: readonly AttachmentRef[] | undefined,
  highlight: PublicResponse['highlight'],
  baseUrl = '',
): PublicResponse {
  const who = publicIdentity({
    consent: r.consent,
    respondentName: r.respondentName,
    organisationName: r.organisationName,
    cvr: r.cvr,
  });
  return {
    id: r.id,
    submittedAt: r.submittedAt.toISOString(),
    editedAt: iso(r.editedAt),
    channel: r.channel,
    actingAs: r.actingAs,
    ...who,
    invited: r.invited,
    body: r.body,
    answers: answers ?? [],
    attachments: toAttachmentViews(r.consultationId, refs, baseUrl),
    highlight,
  };
}

type StaffLike = Omit<StaffRow, 'reviewerName'> & { reviewerName: string | null };

export function toStaffItem(
  r: StaffLike,
  answers: AnswerList | undefined,
  refs: readonly AttachmentRef[] | undefined,
  closesAt: Date | null,
): StaffResponse {
  return {
    id: r.id,
    consultationId: r.consultationId,
    receiptCode: r.receiptCode,
    status: r.status,
    channel: r.channel,
    locale: r.locale,
    version: r.version,
    fingerprint: r.fingerprint,
    submittedAt: r.submittedAt.toISOString(),
    editedAt: iso(r.editedAt),
    late: closesAt !== null && r.submittedAt.getTime() >= closesAt.getTime(),
    respondent: {
      name: r.respondentName,
      email: r.respondentEmail,
      actingAs: r.actingAs,
      organisationName: r.organisationName,
      cvr: r.cvr,
    },
    invited: r.invited,
    consent: r.consent,
    publicationStatus: r.publicationStatus,
    publicationReason: r.publicationReason,
    reviewedAt: iso(r.reviewedAt),
    reviewedBy: r.reviewerName,
    body: r.body,
    answers: answers ?? [],
    attachments: toAttachmentViews(r.consultationId, refs),
  };
}

export function toOwnView(
  r: Omit<StaffLike, 'reviewerName' | 'invited' | 'reviewedAt'>,
  answers: AnswerList | undefined,
  refs: readonly AttachmentRef[] | undefined,
  window: { editable: boolean; closesAt: Date | null; now: Date; attachmentUrl: (id: string) => string },
): OwnResponse {
  return {
    id: r.id,
    consultationId: r.consultationId,
    receiptCode: r.receiptCode,
    status: r.status,
    channel: r.channel,
    locale: r.locale,
    version: r.version,
    fingerprint: r.fingerprint,
    submittedAt: r.submittedAt.toISOString(),
    editedAt: iso(r.editedAt),
    withdrawnAt: iso(r.withdrawnAt),
    respondent: {
      name: r.respondentName,
      email: r.respondentEmail,
      actingAs: r.actingAs,
      organisationName: r.organisationName,
      cvr: r.cvr,
    },
    consent: r.consent,
    publicationStatus: r.publicationStatus,
    rejectionReason: r.publicationStatus === 'rejected' ? r.publicationReason : null,
    body: r.body,
    answers: answers ?? [],
    attachments: toAttachmentViews(r.consultationId, refs).map((a) => ({ ...a, url: window.attachmentUrl(a.id) })),
    editable: window.editable,
    closesAt: iso(window.closesAt),
    serverTime: window.now.toISOString(),
  };
}
