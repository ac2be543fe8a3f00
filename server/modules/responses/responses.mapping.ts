import type { AttachmentRef } from '../files/files.service.ts';
import type { StaffResponse } from './publication.schemas.ts';
import type { PublicResponse } from './public.schemas.ts';
import type { StaffRow } from './responses.repository.ts';
import { publicIdentity } from './responses.rules.ts';
import type { AttachmentView, OwnResponse, RespondentView, ResponseHead } from './responses.schemas.ts';
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
  verifiedLoa: PublicResponse['mitidVerified'] = null,
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
    // The public sees a MitID verification only when the respondent chose to be published by name.
    mitidVerified: who.name !== null ? verifiedLoa : null,
  };
}

type StaffLike = Omit<StaffRow, 'reviewerName'> & { reviewerName: string | null };
type HeadRow = Pick<
  StaffLike,
  | 'id'
  | 'consultationId'
  | 'receiptCode'
  | 'status'
  | 'channel'
  | 'locale'
  | 'version'
  | 'fingerprint'
  | 'submittedAt'
  | 'editedAt'
  | 'respondentName'
  | 'respondentEmail'
  | 'actingAs'
  | 'organisationName'
  | 'cvr'
>;

/** The head every full view of a response starts with (ResponseHead). */
const headOf = (r: HeadRow): ResponseHead => ({
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
});

const respondentOf = (r: HeadRow): RespondentView => ({
  name: r.respondentName,
  email: r.respondentEmail,
  actingAs: r.actingAs,
  organisationName: r.organisationName,
  cvr: r.cvr,
});

export function toStaffItem(
  r: StaffLike,
  answers: AnswerList | undefined,
  refs: readonly AttachmentRef[] | undefined,
  closesAt: Date | null,
): StaffResponse {
  return {
    ...headOf(r),
    late: closesAt !== null && r.submittedAt.getTime() >= closesAt.getTime(),
    respondent: respondentOf(r),
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
    ...headOf(r),
    withdrawnAt: iso(r.withdrawnAt),
    respondent: respondentOf(r),
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
