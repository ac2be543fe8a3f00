import { notFound } from '../../../../shared/errors.ts';
import {
  stakeholderInputDetail,
  stakeholderInputKeysAfter,
  stakeholderInputsForAnalysis,
  type StakeholderInputForAnalysis,
} from '../../../stakeholder-inputs/stakeholder-inputs.service.ts';
import type { ItemRow } from '../inbox.repository.ts';
import type { InboxItemDetail } from '../inbox.schemas.ts';
import { excerptOf, MAX_DOC, type InboxSource } from './inbox-source.ts';

/**
 * Stakeholder inputs in the inbox (issue 13 story 4): meetings and written input staff recorded.
 * The title, the parties and the minutes (their Markdown source, so coding offsets stay stable) and
 * the files' extracted text are searched; the minutes are codable.
 */

type ActingAs = 'business' | 'ngo' | 'public_authority' | 'other';
const ACTING_AS: Record<string, ActingAs> = {
  ministry: 'public_authority',
  agency: 'public_authority',
  region: 'public_authority',
  municipality: 'public_authority',
  business: 'business',
  association: 'ngo',
  ngo: 'ngo',
  other: 'other',
};

/** The stakeholder type of the inbox's filter: the one all parties of a known kind share, else none. */
function actingAsOf(s: StakeholderInputForAnalysis): ActingAs | null {
  const kinds = new Set(s.parties.flatMap((p) => (p.kind ? [ACTING_AS[p.kind]!] : [])));
  return kinds.size === 1 ? [...kinds][0]! : null;
}

const authorOf = (s: StakeholderInputForAnalysis) => s.parties.map((p) => p.name).join(', ');
const statusOf = (s: StakeholderInputForAnalysis) => (s.deleted ? 'deleted' : s.visibility);
// Noon UTC of the meeting's day: the same calendar day in Denmark, whatever the season.
const receivedAt = (s: StakeholderInputForAnalysis) => `${s.heldOn}T12:00:00.000Z`;

function inputRow(s: StakeholderInputForAnalysis): ItemRow {
  const doc = [s.title, authorOf(s), s.minutes, ...s.files.map((f) => f.text)]
    .filter((t) => t.trim() !== '')
    .join('\n\n')
    .slice(0, MAX_DOC);
  return {
    consultationId: s.consultationId,
    kind: 'stakeholder_input',
    itemId: s.id,
    itemVersion: s.version,
    receivedAt: receivedAt(s),
    authorLabel: authorOf(s),
    actingAs: actingAsOf(s),
    invited: null,
    channel: null,
    sourceStatus: statusOf(s),
    scenarioIds: s.scenarioIds,
    hasAttachments: s.files.length > 0,
    excerpt: excerptOf(s.minutes.trim() === '' ? s.title : s.minutes),
    doc,
    fallbackLanguage: 'danish',
    sourceStamp: `${s.version}|${statusOf(s)}|${s.files.map((f) => `${f.id}:${f.extraction}`).join(',')}`,
  };
}

export const stakeholderInputSource: InboxSource = {
  kind: 'stakeholder_input',
  keysAfter: stakeholderInputKeysAfter,
  rows: async (db, keys) => (await stakeholderInputsForAnalysis(db, keys)).map(inputRow),
  detail: async (db, _actor, consultationId, itemId) => {
    const s = await stakeholderInputDetail(db, consultationId, itemId);
    if (!s) throw notFound('Stakeholder input');
    const texts: InboxItemDetail['texts'] = [
      { field: 'title', label: { da: 'Titel', en: 'Title' }, text: s.title, codable: false },
      { field: 'minutes', label: { da: 'Referat', en: 'Minutes' }, text: s.minutes, codable: true },
    ];
    for (const f of s.files) {
      if (f.text.trim() !== '')
        texts.push({
          field: `attachment:${f.id}`,
          label: { da: f.filename, en: f.filename },
          text: f.text,
          codable: false,
        });
    }
    return {
      kind: 'stakeholder_input',
      id: s.id,
      consultationId,
      version: s.version,
      receivedAt: receivedAt(s),
      editedAt: s.version > 1 ? s.updatedAt.toISOString() : null,
      sourceStatus: statusOf(s),
      author: {
        name: authorOf(s),
        email: null,
        actingAs: actingAsOf(s),
        organisationName: null,
        cvr: null,
        invited: null,
        channel: null,
      },
      scenarioIds: s.scenarioIds,
      texts,
      choices: [],
      files: s.files.map((f) => ({
        id: f.id,
        filename: f.filename,
        mediaType: f.mediaType,
        sizeBytes: f.sizeBytes,
        url: f.url,
        extraction: f.extraction,
      })),
      earlierVersions: [],
    };
  },
};
