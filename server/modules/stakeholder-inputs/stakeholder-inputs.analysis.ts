import type { Db } from '../../db/database.ts';
import type { StakeholderParty } from '../../db/schema.ts';
import * as repo from './stakeholder-inputs.repository.ts';

/**
 * What the analysis inbox reads of stakeholder inputs (issue 13 story 4), through this module's
 * service: keys, the inputs with their files' extracted text, one input's detail. Deleted inputs
 * are read too (the inbox marks them). Callers check their own role first: this reads what staff may.
 */

export type StakeholderInputForAnalysis = {
  consultationId: string;
  id: string;
  kind: 'meeting' | 'written_input' | 'market_dialogue';
  title: string;
  heldOn: string;
  parties: StakeholderParty[];
  scenarioIds: string[];
  minutes: string;
  visibility: 'staff_only' | 'published';
  deleted: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  files: {
    id: string;
    filename: string;
    mediaType: string;
    sizeBytes: number;
    extraction: 'pending' | 'done' | 'failed' | 'skipped';
    text: string;
    url: string;
  }[];
};

export const stakeholderInputKeysAfter = repo.inputKeysAfter;

const url = (consultationId: string, inputId: string, fileId: string) =>
  `/api/consultations/${consultationId}/stakeholder-inputs/${inputId}/files/${fileId}`;

export async function stakeholderInputsForAnalysis(
  db: Db,
  keys: readonly repo.InputKey[],
): Promise<StakeholderInputForAnalysis[]> {
  const rows = await repo.inputsByKeys(db, keys);
  const byConsultation = new Map<string, string[]>();
  for (const r of rows) byConsultation.set(r.consultationId, [...(byConsultation.get(r.consultationId) ?? []), r.id]);
  const files = new Map<string, StakeholderInputForAnalysis['files']>();
  for (const [consultationId, ids] of byConsultation) {
    const [meta, texts] = await Promise.all([
      repo.filesOf(db, consultationId, ids),
      repo.fileTexts(db, consultationId, ids),
    ]);
    const textOf = new Map(texts.map((t) => [t.id, t.extractedText ?? '']));
    for (const f of meta) {
      const list = files.get(f.stakeholderInputId) ?? [];
      list.push({
        id: f.id,
        filename: f.filename,
        mediaType: f.mediaType,
        sizeBytes: Number(f.sizeBytes),
        extraction: f.extractionStatus,
        text: textOf.get(f.id) ?? '',
        url: url(consultationId, f.stakeholderInputId, f.id),
      });
      files.set(f.stakeholderInputId, list);
    }
  }
  return rows.map((r) => ({
    consultationId: r.consultationId,
    id: r.id,
    kind: r.kind,
    title: r.title,
    heldOn: r.heldOn,
    parties: r.parties,
    scenarioIds: r.scenarioIds,
    minutes: r.minutes,
    visibility: r.visibility,
    deleted: r.deletedAt !== null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    files: files.get(r.id) ?? [],
  }));
}

/** One input of the consultation for the inbox's item view, deleted ones too; undefined when there is none. */
export async function stakeholderInputDetail(
  db: Db,
  consultationId: string,
  id: string,
): Promise<StakeholderInputForAnalysis | undefined> {
  const [row] = await stakeholderInputsForAnalysis(db, [{ consultationId, id }]);
  return row;
}
