import { Readable } from 'node:stream';
import { verificationsOf } from '../../identity/identity.service.ts';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { redactPublicResponses } from '../../analysis/privacy/privacy.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { listAttachments } from '../../files/files.service.ts';
import { listQuestions } from '../../questions/questions.service.ts';
import type { Question } from '../../questions/questions.schemas.ts';
import { listScenarios } from '../../scenarios/scenarios.service.ts';
import { type CsvValue, csvRow, UTF8_BOM } from '../../../shared/csv.ts';
import { listPublished, type Keyset, type PublishedRow } from '../listing.repository.ts';
import { toPublicItem } from '../responses.mapping.ts';
import * as repo from '../responses.repository.ts';
import type { ExportQuery, PublicResponse } from '../public.schemas.ts';

/**
 * The open-data export of what is public (DESIGN.md §4 C2, C8), oldest first, streamed. Rows are
 * read in keyset-paged batches rather than one server-side cursor: PGlite cannot stream
 * (Kysely's PGlite driver has no streamQuery) and it has one session, which a long-open cursor
 * would hold for the whole download. Batches keep memory flat on both databases and let other
 * requests run in between.
 */
const BATCH = 500;

type Batch = { rows: PublishedRow[]; items: PublicResponse[] };

async function* batches(db: Db, consultationId: string, baseUrl: string): AsyncGenerator<Batch> {
  let after: Keyset | undefined;
  for (;;) {
    const rows = await listPublished(db, { consultationId, after, order: 'oldest', limit: BATCH });
    const page = rows.slice(0, BATCH);
    if (page.length === 0) return;
    const ids = page.map((r) => r.id);
    const [answers, files, verified] = await Promise.all([
      repo.listAnswers(db, consultationId, ids),
      listAttachments(db, consultationId, ids),
      verificationsOf(db, consultationId, ids),
    ]);
    // Issue 12 story 2: the accepted redactions are cut from the open data too.
    const items = page.map((r) =>
      toPublicItem(r, answers.get(r.id), files.get(r.id), null, baseUrl, verified.get(r.id)?.loa ?? null),
    );
    yield { rows: page, items: await redactPublicResponses(db, consultationId, items) };
    if (rows.length <= BATCH) return;
    const last = page.at(-1)!;
    after = { at: last.submittedAt, id: last.id };
  }
}

type Column = { heading: string; value: (item: PublicResponse) => CsvValue };

function questionColumns(
  questions: readonly Question[],
  scenarios: readonly { id: string; key: string }[],
  lang: 'da' | 'en',
): Column[] {
  return questions.flatMap((q, i): Column[] => {
    const heading = `Q${i + 1}: ${q.prompt[lang]}`;
    const answer = (item: PublicResponse) => item.answers.find((a) => a.questionId === q.id)?.value;
    const label = (id: unknown) => q.options.find((o) => o.id === id)?.label[lang] ?? String(id);
    switch (q.kind) {
      case 'text':
        return [{ heading, value: (it) => answer(it) as string | undefined }];
      case 'scale':
        return [{ heading, value: (it) => answer(it) as number | undefined }];
      case 'single':
        return [{ heading, value: (it) => (answer(it) === undefined ? null : label(answer(it))) }];
      case 'multi':
        return [{ heading, value: (it) => ((answer(it) as string[] | undefined) ?? []).map(label).join('; ') }];
      case 'scenario_scale':
        return scenarios.map((s) => ({
          heading: `${heading} [${s.key}]`,
          value: (it: PublicResponse) => (answer(it) as Record<string, number> | undefined)?.[s.id],
        }));
    }
  });
}

const BASE_COLUMNS: Column[] = [
  { heading: 'id', value: (r) => r.id },
  { heading: 'submitted_at', value: (r) => r.submittedAt },
  { heading: 'edited_at', value: (r) => r.editedAt },
  { heading: 'channel', value: (r) => r.channel },
  { heading: 'acting_as', value: (r) => r.actingAs },
  { heading: 'name', value: (r) => r.name },
  { heading: 'organisation_name', value: (r) => r.organisationName },
  { heading: 'cvr', value: (r) => r.cvr },
  { heading: 'invited', value: (r) => r.invited },
  { heading: 'body', value: (r) => r.body },
];
/** Issue 15: the NSIS level of a named response verified with MitID, or empty. */
const VERIFIED_COLUMN: Column = { heading: 'mitid_verified', value: (r) => r.mitidVerified };
const ATTACHMENTS_COLUMN: Column = { heading: 'attachments', value: (r) => r.attachments.map((a) => a.url).join(' ') };

export type Export = { filename: string; stream: Readable };

export async function exportCsv(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  q: ExportQuery,
  baseUrl: string,
): Promise<Export> {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const [questions, scenarios] = await Promise.all([listQuestions(db, actor, c.id), listScenarios(db, actor, c.id)]);
  const columns = [
    ...BASE_COLUMNS,
    ...questionColumns(questions, scenarios, q.lang),
    ATTACHMENTS_COLUMN,
    VERIFIED_COLUMN,
  ];
  const sep = q.delimiter === 'semicolon' ? ';' : ',';
  async function* lines() {
    // The BOM makes Excel read the file as UTF-8 (æ, ø, å).
    yield (
      UTF8_BOM +
      csvRow(
        columns.map((col) => col.heading),
        sep,
      )
    );
    for await (const b of batches(db, c.id, baseUrl))
      yield b.items
        .map((it) =>
          csvRow(
            columns.map((col) => col.value(it)),
            sep,
          ),
        )
        .join('');
  }
  return { filename: `${c.slug}-responses.csv`, stream: Readable.from(lines()) };
}

export async function exportJson(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  baseUrl: string,
): Promise<Export> {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const questions = await listQuestions(db, actor, c.id);
  const head = {
    consultation: { id: c.id, slug: c.slug, title: c.title, closesAt: c.closesAt?.toISOString() ?? null },
    generatedAt: new Date().toISOString(),
    questions,
  };
  async function* chunks() {
    yield `${JSON.stringify(head).slice(0, -1)},"responses":[`;
    let first = true;
    for await (const b of batches(db, c.id, baseUrl)) {
      const items = b.items.map(({ highlight: _h, ...item }) => JSON.stringify(item));
      yield (first ? '' : ',') + items.join(',');
      first = false;
    }
    yield ']}\n';
  }
  return { filename: `${c.slug}-responses.json`, stream: Readable.from(chunks()) };
}
