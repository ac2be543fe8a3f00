import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { unzipSync } from 'fflate';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../../shared/errors.ts';
import { checkZipBounds, ZipBombError } from '../../files/extraction/zip-guard.ts';
import { type FilesContext, linkClaimed, lockClaimable, storeImportedFile } from '../../files/files.service.ts';
import { checkAnswers, snapshotOf } from '../responses.content.ts';
import { fingerprintOf, newReceiptCode, sha256Hex } from '../responses.crypto.ts';
import { canResponse } from '../responses.policy.ts';
import type { LetterInput } from '../responses.schemas.ts';
import { type SubmissionWrite, writeSubmissions } from '../submission/submission.repository.ts';
import { loadTarget, type SubmissionTarget } from '../submission/submission.target.ts';
import { submissionOf } from '../submission/submission.write.ts';
import { mailRecord } from './import.mail.ts';
import { parseCsv, splitMbox } from './import.parse.ts';
import * as repo from './import.repository.ts';
import { csvRecords, filesOf, findHeader, type RawRecord, recordFields, type RowError } from './import.rules.ts';
import type { ImportView, ImportRowView } from './import.schemas.ts';

/**
 * Bulk import of letters and e-mails (issue 12 story 3). Staging reads the upload (a CSV with the
 * files it names, a ZIP of those, or .eml/.mbox files), checks every row — its reference, text,
 * date, answers against the questionnaire, and each file by content as any upload is checked
 * (files.service storeImportedFile) — and stores the rows with their errors for a preview. The
 * commit is a background job (IMPORT_JOB) that writes every row in ONE transaction through the
 * submission statement (writeSubmissions), or nothing: a row error refuses the commit, and a failure
 * midway rolls all of it back. Each response's idempotency key is `import <external reference>`
 * (a space, which an Idempotency-Key header cannot hold), so a re-run adds nothing twice.
 */

export const IMPORT_JOB = 'responses.import';
const COMMIT_BATCH = 1000;
const PREVIEW_MAX = 500;

export type UploadedFile = { filename: string; path: string };
export type ImportContext = {
  db: Db;
  files: FilesContext;
  maxFiles: number;
  maxBytes: number;
  /** Rows checked so far (the CLI's progress bar). */
  onProgress?: (done: number, total: number) => void;
};

/** Progress of the commits running in this process (rows written so far), read by the status route. */
const running = new Map<string, number>();

export const importKey = (ref: string) => `import ${ref}`;
const keyHash = (ref: string) => sha256Hex(importKey(ref));

type Source = { kind: 'csv' | 'zip' | 'mail'; records: RawRecord[]; files: Map<string, () => Readable> };

const lower = (n: string) => n.toLowerCase();
const baseName = (n: string) => n.split(/[/\\]/).pop() ?? n;

/** What the upload holds: exactly one CSV (loose or in a ZIP) with its files, or mail files. */
async function readSource(uploads: readonly UploadedFile[], maxBytes: number): Promise<Source> {
  const files = new Map<string, () => Readable>();
  const csvs: { name: string; text: string }[] = [];
  const mails: Buffer[] = [];
  let zipped = false;
  const take = (name: string, bytes: () => Readable, data: () => Promise<Buffer> | Buffer) => {
    const n = lower(baseName(name));
    if (n.endsWith('.csv')) return data;
    if (n.endsWith('.eml') || n.endsWith('.mbox')) return data;
    if (n !== '' && !n.startsWith('.')) files.set(baseName(name), bytes);
    return null;
  };
  for (const u of uploads) {
    const n = lower(u.filename);
    if (n.endsWith('.zip')) {
      zipped = true;
      const data = new Uint8Array(await readFile(u.path));
      try {
        checkZipBounds(data, { maxTotalBytes: maxBytes, maxEntries: 20_000 });
      } catch (err) {
        if (err instanceof ZipBombError) throw new AppError('PAYLOAD_TOO_LARGE', err.message);
        throw new AppError('BAD_REQUEST', 'The ZIP file cannot be read');
      }
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(data);
      } catch {
        throw new AppError('BAD_REQUEST', 'The ZIP file cannot be read');
      }
      for (const [name, bytes] of Object.entries(entries)) {
        if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
        const buf = Buffer.from(bytes);
        const got = take(
          name,
          () => Readable.from([buf]),
          () => buf,
        );
        if (got) await collect(name, await got());
      }
      continue;
    }
    const got = take(
      u.filename,
      () => createReadStream(u.path),
      () => readFile(u.path),
    );
    if (got) await collect(u.filename, await got());
  }
  async function collect(name: string, data: Buffer) {
    const n = lower(name);
    if (n.endsWith('.csv')) csvs.push({ name, text: data.toString('utf8') });
    else if (n.endsWith('.mbox'))
      for (const m of splitMbox(data.toString('latin1'))) mails.push(Buffer.from(m, 'latin1'));
    else mails.push(data);
  }
  if (csvs.length > 1) throw new AppError('BAD_REQUEST', 'Send one CSV file per import');
  if (csvs.length === 1 && mails.length > 0) throw new AppError('BAD_REQUEST', 'Import a CSV or mail files, not both');
  if (csvs.length === 1) {
    const rows = parseCsv(csvs[0]!.text);
    const m = findHeader(rows);
    if (!m) {
      throw new AppError(
        'VALIDATION_FAILED',
        'The CSV has no header with a reference column (external_ref) and a text column (text)',
        { issues: [{ path: '/file', keyword: 'header', message: 'No header row found' }] },
      );
    }
    return { kind: zipped ? 'zip' : 'csv', records: csvRecords(rows, m), files };
  }
  if (mails.length === 0) throw new AppError('BAD_REQUEST', 'Send a CSV file, a ZIP with one, or .eml/.mbox files');
  const records: RawRecord[] = [];
  for (const [i, raw] of mails.entries()) {
    const { record, files: attached } = await mailRecord(raw, i + 1);
    // A mail's files are its own: named by message, so two mails' "letter.pdf" never mix.
    record.files = attached.map((f, k) => {
      const key = `${i + 1}/${k}/${f.filename}`;
      files.set(key, () => Readable.from([f.content]));
      return key;
    });
    records.push(record);
  }
  return { kind: 'mail', records, files };
}

function rowInput(fields: ReturnType<typeof recordFields>['fields'], attachmentIds: string[]): LetterInput {
  return {
    respondent: fields.respondent as LetterInput['respondent'],
    consent: fields.consent as LetterInput['consent'],
    body: fields.body,
    answers: fields.answers as LetterInput['answers'],
    attachmentIds,
    locale: 'da',
    channel: fields.channel,
    receivedAt: fields.receivedAt,
  };
}

function requireStaff(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  if (!canResponse(actor, 'register_letter')) throw forbidden('Only admins and analysts import letters');
}

function admitTarget(t: SubmissionTarget) {
  if (t.phase === 'draft' || t.phase === 'concluded') {
    throw new AppError('RULE_VIOLATION', `Responses cannot be registered while the consultation is ${t.phase}`);
  }
}

/** Upload → staged rows with their errors (nothing is written to responses). */
export async function stageImport(
  ctx: ImportContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  uploads: readonly UploadedFile[],
  now = new Date(),
): Promise<ImportView> {
  requireStaff(actor);
  const t = await loadTarget(ctx.db, actor, consultationIdOrSlug);
  admitTarget(t);
  const source = await readSource(uploads, ctx.maxBytes);
  if (source.records.length === 0) throw new AppError('BAD_REQUEST', 'The file has no rows');
  const defaults = { channel: source.kind === 'mail' ? ('email' as const) : ('letter' as const), now };
  const known = await repo.existingKeyHashes(
    ctx.db,
    t.id,
    source.records.filter((r) => r.ref !== '').map((r) => keyHash(r.ref)),
  );
  const seen = new Set<string>();
  const uploadedNames = [...source.files.keys()];
  const rows: repo.StagedRow[] = [];
  for (const [n, r] of source.records.entries()) {
    if (n % 500 === 0) ctx.onProgress?.(n, source.records.length);
    const { fields, errors } = recordFields(r, t.questions, defaults);
    if (r.ref !== '' && seen.has(r.ref)) {
      errors.push({ field: 'ref', code: 'duplicate_ref', message: 'Another row has the same reference' });
    }
    seen.add(r.ref);
    const duplicate = r.ref !== '' && known.has(keyHash(r.ref));
    const attachmentIds: string[] = [];
    const names: string[] = [];
    if (!duplicate) {
      const { found, missing } =
        source.kind === 'mail' ? { found: r.files ?? [], missing: [] } : filesOf(r, uploadedNames);
      for (const f of missing) errors.push({ field: 'files', code: 'file_not_found', message: `File not found: ${f}` });
      if (found.length > ctx.maxFiles) {
        errors.push({ field: 'files', code: 'bad_value', message: `At most ${ctx.maxFiles} files per response` });
      } else {
        for (const f of found) {
          const shown = baseName(f);
          try {
            const ref = await storeImportedFile(ctx.files, actor, t.id, {
              filename: shown,
              stream: source.files.get(f)!(),
            });
            attachmentIds.push(ref.id);
            names.push(ref.filename);
          } catch (err) {
            errors.push(fileError(err, shown));
          }
        }
      }
    }
    const input = rowInput(fields, attachmentIds);
    if (errors.length === 0 && !duplicate) {
      try {
        checkAnswers(t.questions, t.scenarios, input, false);
      } catch (err) {
        errors.push(...answerErrors(err));
      }
    }
    rows.push({ rowNo: r.rowNo, externalRef: r.ref, input: { ...input, filenames: names }, errors, duplicate });
  }
  ctx.onProgress?.(rows.length, rows.length);
  const id = await ctx.db
    .transaction()
    .execute((trx) => repo.insertImport(trx, { consultationId: t.id, actor, source: source.kind, rows }));
  return importView((await repo.findImport(ctx.db, t.id, id))!);
}

function fileError(err: unknown, filename: string): RowError {
  if (err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE') {
    return { field: 'files', code: 'file_too_large', message: `${filename}: ${err.message}` };
  }
  if (err instanceof AppError && err.code === 'UNSUPPORTED_MEDIA_TYPE') {
    return { field: 'files', code: 'file_wrong_type', message: `${filename}: ${err.message}` };
  }
  throw err;
}

function answerErrors(err: unknown): RowError[] {
  if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
  const issues = ((err.details as { issues?: { path: string; keyword: string; message: string }[] } | undefined)
    ?.issues ?? []) as { path: string; keyword: string; message: string }[];
  if (issues.some((i) => i.path === '/body' && i.keyword === 'required')) {
    return [{ field: 'body', code: 'missing_text', message: 'The row has no text, answer or file' }];
  }
  return issues.map((i) => ({ field: 'answers', code: 'bad_answer' as const, message: i.message }));
}

export function importView(r: repo.ImportRow): ImportView {
  const live = running.get(r.id);
  const toWrite = r.rowCount - r.errorCount - r.duplicateCount;
  return {
    id: r.id,
    consultationId: r.consultationId,
    source: r.source,
    status: r.status,
    rowCount: r.rowCount,
    errorCount: r.errorCount,
    duplicateCount: r.duplicateCount,
    toImportCount: Math.max(0, toWrite),
    doneCount: r.status === 'committing' ? (live ?? r.doneCount) : r.doneCount,
    importedCount: r.importedCount,
    error: r.error,
    createdBy: r.actor.displayName,
    createdAt: r.createdAt.toISOString(),
    committedAt: r.committedAt?.toISOString() ?? null,
  };
}

async function requireImport(db: Db, actor: Actor | null, consultationIdOrSlug: string, id: string) {
  requireStaff(actor);
  const t = await loadTarget(db, actor, consultationIdOrSlug);
  const r = await repo.findImport(db, t.id, id);
  if (!r) throw notFound('Import');
  return { t, r };
}

export async function getImport(db: Db, actor: Actor | null, idOrSlug: string, id: string): Promise<ImportView> {
  return importView((await requireImport(db, actor, idOrSlug, id)).r);
}

export async function listImports(db: Db, actor: Actor | null, idOrSlug: string): Promise<ImportView[]> {
  requireStaff(actor);
  const t = await loadTarget(db, actor, idOrSlug);
  return (await repo.listImports(db, t.id, 50)).map(importView);
}

export async function importRows(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  id: string,
  q: { after: number; limit: number; errorsOnly: boolean },
): Promise<{ items: ImportRowView[]; nextAfter: number | null }> {
  const { r } = await requireImport(db, actor, idOrSlug, id);
  const limit = Math.min(q.limit, PREVIEW_MAX);
  const rows = await repo.listRows(db, r.id, { afterRowNo: q.after, limit, errorsOnly: q.errorsOnly });
  return {
    items: rows.map((x) => {
      const input = x.input as LetterInput & { filenames?: string[] };
      return {
        rowNo: x.rowNo,
        externalRef: x.externalRef,
        name: input.respondent.name,
        email: input.respondent.email ?? null,
        channel: input.channel,
        receivedAt: input.receivedAt,
        text: input.body.slice(0, 300),
        files: input.filenames ?? [],
        answerCount: input.answers.length,
        duplicate: x.duplicate,
        errors: x.errors,
      };
    }),
    nextAfter: rows.length === limit ? rows.at(-1)!.rowNo : null,
  };
}

/** The commit is queued (202): a staged import without row errors goes to 'committing'. */
export async function requestCommit(
  db: Db,
  jobs: { send: (name: string, data: object, opts?: { trx?: Db }) => Promise<void> },
  actor: Actor | null,
  idOrSlug: string,
  id: string,
): Promise<ImportView> {
  const { t, r } = await requireImport(db, actor, idOrSlug, id);
  admitTarget(t);
  if (r.errorCount > 0) {
    throw new AppError('RULE_VIOLATION', `${r.errorCount} rows have errors: fix them and upload again`, {
      errorCount: r.errorCount,
    });
  }
  const marked = await db.transaction().execute(async (trx) => {
    const m = await repo.markCommitting(trx, t.id, id);
    if (m) await jobs.send(IMPORT_JOB, { importId: id }, { trx });
    return m;
  });
  if (!marked) throw new AppError('CONFLICT', `The import is ${r.status} already`);
  return importView(marked);
}

export type CommitDeps = {
  db: Db;
  maxFiles: number;
  /** Called after each batch inside the transaction (tests throw from it to fail a commit midway). */
  afterBatch?: (done: number) => Promise<void> | void;
  log: { warn: (obj: object, msg: string) => void };
};

/**
 * The commit job: every row of the import in one transaction, in batches of COMMIT_BATCH through
 * the submission statement (responses, answers, version 1 and audit event; no receipt mail: the
 * senders wrote before), its files locked and linked; then 'committed' in the same transaction.
 * A failure rolls back all of it and marks the import failed with the reason (commit again).
 * A process that dies mid-commit leaves the import 'committing' and its job active: pg-boss hands
 * the job out again and it starts over (nothing of the first try was committed).
 */
export async function runImportCommit(deps: CommitDeps, data: unknown): Promise<void> {
  const importId = (data as { importId?: unknown } | null)?.importId;
  if (typeof importId !== 'string') return;
  const imp = await repo.findCommitting(deps.db, importId);
  if (!imp) return;
  running.set(imp.id, 0);
  try {
    const t = await loadTarget(deps.db, imp.actor, imp.consultationId);
    admitTarget(t);
    await deps.db.transaction().execute(async (trx) => {
      // The import's row stays locked until this commits: a second run of the job (the CLI's and a
      // worker's, or a retry) waits here and then finds it committed.
      if (!(await repo.lockCommitting(trx, imp.id))) return;
      let after = 0;
      let done = 0;
      let imported = 0;
      for (;;) {
        const rows = await repo.rowsToWrite(trx, imp.id, after, COMMIT_BATCH);
        if (rows.length === 0) break;
        const writes: SubmissionWrite[] = [];
        const claims: (Parameters<typeof linkClaimed>[1] | null)[] = [];
        for (const row of rows) {
          const input = row.input as LetterInput;
          const content = checkAnswers(t.questions, t.scenarios, input, false);
          const id = randomUUID();
          const claim = {
            consultationId: t.id,
            responseId: id,
            attachmentIds: input.attachmentIds,
            maxFiles: deps.maxFiles,
          };
          const refs = claim.attachmentIds.length > 0 ? await lockClaimable(trx, claim) : [];
          const snapshot = snapshotOf(
            input,
            content.answers,
            refs.map((a) => a.sha256),
          );
          const fingerprint = fingerprintOf(snapshot);
          const w = {
            channel: input.channel,
            input,
            submittedAt: new Date(input.receivedAt),
            invited: false,
            registeredBy: imp.actor.id,
            requestHash: null,
          };
          const made = { id, receiptCode: newReceiptCode(), token: null, snapshot, fingerprint };
          const req = { baseUrl: '', idempotencyKey: importKey(row.externalRef) };
          const s = submissionOf({ mailStatus: 'outboxed' }, imp.actor, t, w, req, made);
          writes.push({ ...s, mail: null });
          claims.push(refs.length > 0 ? claim : null);
        }
        const out = await writeSubmissions(trx, writes);
        for (const [i, o] of out.entries()) {
          if (o.guard !== 'ok') {
            throw new AppError('CONFLICT', 'The questionnaire changed during the import; commit again');
          }
          if (!o.id) continue; // imported meanwhile by another run: added once only
          imported++;
          const claim = claims[i];
          if (claim) await linkClaimed(trx, claim);
        }
        done += rows.length;
        after = rows.at(-1)!.rowNo;
        running.set(imp.id, done);
        await deps.afterBatch?.(done);
      }
      await repo.finishImport(trx, imp.id, { done, imported });
    });
  } catch (err) {
    deps.log.warn({ err, importId: imp.id }, 'import commit failed');
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await repo.failImport(deps.db, imp.id, message);
  } finally {
    running.delete(imp.id);
  }
}
