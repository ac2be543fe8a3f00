import { notFound } from '../../../../shared/errors.ts';
import {
  findingForAnalysis,
  findingKeysAfter,
  findingsForAnalysis,
  type FindingForAnalysis,
} from '../../../findings/findings.service.ts';
import { findingAuthorLabel, METHOD_LABELS, SEVERITY_LABELS, STATUS_LABELS } from '../../../findings/findings.rules.ts';
import type { ItemRow } from '../inbox.repository.ts';
import type { InboxItemDetail } from '../inbox.schemas.ts';
import { excerptOf, MAX_DOC, type InboxSource } from './inbox-source.ts';

/** The texts of a finding as the item view and codings name them; all three are codable. */
const TEXT_FIELDS = [
  { field: 'task', label: { da: 'Opgave', en: 'Task' } },
  { field: 'observation', label: { da: 'Observation', en: 'Observation' } },
  { field: 'recommendation', label: { da: 'Anbefaling', en: 'Recommendation' } },
] as const;

const docOf = (f: FindingForAnalysis) =>
  [f.task, f.observation, f.recommendation]
    .filter((t) => t.trim() !== '')
    .join('\n\n')
    .slice(0, MAX_DOC);

/** User-test findings in the inbox (issue 13 story 1): task, observation and recommendation, on its scenario. */
function findingRow(f: FindingForAnalysis): ItemRow {
  const doc = docOf(f);
  const sessions = f.sessions.map((s) => `${s.facilitator}/${s.method}/${s.participantCount}`).join(',');
  return {
    consultationId: f.consultationId,
    kind: 'finding',
    itemId: f.id,
    itemVersion: 1,
    receivedAt: f.createdAt.toISOString(),
    authorLabel: findingAuthorLabel(f.sessions),
    actingAs: null,
    invited: null,
    channel: null,
    sourceStatus: f.deletedAt ? 'deleted' : f.status,
    scenarioIds: [f.scenarioId],
    hasAttachments: f.evidence.length > 0,
    excerpt: excerptOf(doc),
    doc,
    fallbackLanguage: 'danish',
    // The version rises with every change to the finding; its sessions' labels can change on their own.
    sourceStamp: `${f.version}|${f.deletedAt ? 'd' : ''}|${f.evidence.length}|${sessions}`,
  };
}

const count = (n: number, total: number) => ({ da: `${n} af ${total}`, en: `${n} of ${total}` });
const plain = (v: string) => ({ da: v, en: v });

function facts(f: FindingForAnalysis): NonNullable<InboxItemDetail['facts']> {
  const total = f.sessions.reduce((n, s) => n + s.participantCount, 0);
  const out: NonNullable<InboxItemDetail['facts']> = [
    { label: { da: 'Alvorlighed', en: 'Severity' }, value: SEVERITY_LABELS[f.severity] },
    {
      label: { da: 'Deltagere, der mødte det', en: 'Participants who met it' },
      value: count(f.participantsAffected, total),
    },
    {
      label: { da: 'Status', en: 'Status' },
      value: f.statusNote
        ? { da: `${STATUS_LABELS[f.status].da}: ${f.statusNote}`, en: `${STATUS_LABELS[f.status].en}: ${f.statusNote}` }
        : STATUS_LABELS[f.status],
    },
  ];
  for (const s of f.sessions) {
    const where = s.remote ? { da: 'fjern', en: 'remote' } : plain(s.place);
    out.push({
      label: { da: 'Testsession', en: 'Test session' },
      value: {
        da: `${s.heldOn}, ${METHOD_LABELS[s.method].da}, ${where.da}, ${s.participantCount} deltagere${s.participantProfile ? ` (${s.participantProfile})` : ''}`,
        en: `${s.heldOn}, ${METHOD_LABELS[s.method].en}, ${where.en}, ${s.participantCount} participants${s.participantProfile ? ` (${s.participantProfile})` : ''}`,
      },
    });
  }
  return out;
}

export const findingSource: InboxSource = {
  kind: 'finding',
  keysAfter: findingKeysAfter,
  rows: async (db, keys) => (await findingsForAnalysis(db, keys)).map(findingRow),
  detail: async (db, _actor, consultationId, itemId) => {
    const f = await findingForAnalysis(db, consultationId, itemId);
    if (!f) throw notFound('Finding');
    return {
      kind: 'finding',
      id: f.id,
      consultationId,
      version: 1,
      receivedAt: f.createdAt.toISOString(),
      editedAt: f.version > 1 ? f.updatedAt.toISOString() : null,
      sourceStatus: f.deletedAt ? 'deleted' : f.status,
      author: {
        name: [...new Set(f.sessions.map((s) => s.facilitator))].join(', ') || '—',
        email: null,
        actingAs: null,
        organisationName: null,
        cvr: null,
        invited: null,
        channel: null,
      },
      scenarioIds: [f.scenarioId],
      texts: TEXT_FIELDS.filter((t) => f[t.field].trim() !== '' || t.field === 'observation').map((t) => ({
        field: t.field,
        label: t.label,
        text: f[t.field],
        codable: true,
      })),
      choices: [],
      files: f.evidence.map((e) => ({
        id: e.id,
        filename: e.filename,
        mediaType: e.mediaType,
        sizeBytes: e.sizeBytes,
        url: e.url,
        extraction: 'skipped' as const,
      })),
      earlierVersions: [],
      facts: facts(f),
    };
  },
};
