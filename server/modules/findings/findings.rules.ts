import { decodeCursor } from '../../shared/cursor.ts';
import { AppError } from '../../shared/errors.ts';
import type { EvidenceRow } from './evidence.repository.ts';
import type { Evidence, Severity, TestMethod } from './findings.schemas.ts';

/** Pure rules for sessions and findings (issue 13 story 1). No I/O. */

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, cosmetic: 3 };
export const severityRank = (s: Severity): number => SEVERITY_RANK[s];

/**
 * The overview's order as one number (kept by the database as the generated column sort_key):
 * severity first, then the most participants affected.
 */
export const sortKeyOf = (s: Severity, participantsAffected: number): number =>
  severityRank(s) * 10_000_000 - participantsAffected;

export const METHOD_LABELS: Record<TestMethod, { da: string; en: string }> = {
  moderated_usability_test: { da: 'moderereret brugertest', en: 'moderated usability test' },
  think_aloud: { da: 'tænke højt-test', en: 'think-aloud' },
  interview: { da: 'interview', en: 'interview' },
  unmoderated_task: { da: 'umodereret opgave', en: 'unmoderated task' },
  survey: { da: 'spørgeskema', en: 'survey' },
};

export const SEVERITY_LABELS: Record<Severity, { da: string; en: string }> = {
  critical: { da: 'Kritisk', en: 'Critical' },
  major: { da: 'Alvorlig', en: 'Major' },
  minor: { da: 'Mindre', en: 'Minor' },
  cosmetic: { da: 'Kosmetisk', en: 'Cosmetic' },
};

export const STATUS_LABELS = {
  open: { da: 'Åben', en: 'Open' },
  addressed: { da: 'Løst', en: 'Addressed' },
  wont_fix: { da: 'Løses ikke', en: "Won't fix" },
} as const;

/** The inbox's author label of a finding: its sessions' facilitators and methods, e.g. "Mette Holm (tænke højt-test)". */
export function findingAuthorLabel(sessions: readonly { facilitator: string; method: TestMethod }[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const s of sessions) {
    const label = `${s.facilitator} (${METHOD_LABELS[s.method].da})`;
    if (!seen.has(label)) parts.push(label);
    seen.add(label);
  }
  return parts.join(', ') || '—';
}

/** A finding cannot have met more participants than its sessions had. */
export const affectedFits = (
  participantsAffected: number,
  sessions: readonly { participantCount: number }[],
): boolean => participantsAffected <= sessions.reduce((n, s) => n + s.participantCount, 0);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?cursor=` of a findings page, `[sortKey, id]` as this API wrote it; anything else is a 400. */
export function readSortCursor(cursor: string | undefined): { sortKey: number; id: string } | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const parts = decodeCursor(cursor);
  const [k, id] = parts ?? [];
  if (
    parts?.length !== 2 ||
    typeof k !== 'number' ||
    !Number.isSafeInteger(k) ||
    typeof id !== 'string' ||
    !UUID.test(id)
  )
    throw new AppError('BAD_REQUEST', 'The cursor is not one this API wrote');
  return { sortKey: k, id };
}

/** The staff download address of an evidence file. */
export const evidenceUrl = (consultationId: string, findingId: string, evidenceId: string) =>
  `/api/consultations/${consultationId}/findings/${findingId}/evidence/${evidenceId}`;

export const toEvidence = (e: EvidenceRow): Evidence => ({
  id: e.id,
  filename: e.filename,
  mediaType: e.mediaType,
  sizeBytes: Number(e.sizeBytes),
  url: evidenceUrl(e.consultationId, e.findingId, e.id),
  createdAt: e.createdAt.toISOString(),
});
