import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import type { BlobStore } from '../../files/blob-store.ts';
import { requireWorkspace } from '../analysis.service.ts';
import { codingsForExport } from '../codings/codings.service.ts';
import { inboxBatches, inboxViewSize } from '../inbox/inbox.service.ts';
import type { InboxQuery } from '../inbox/inbox.schemas.ts';
import { csvHeader, csvLine, type ExportFormat, type ExportRow, jsonLine, xlsxWriter } from './exports.format.ts';
import * as repo from './exports.repository.ts';
import type { ExportQuery, ExportStart, ExportView } from './exports.schemas.ts';

/**
 * Exports of an inbox view with its codings (issue 12 story 4): the view's items come from the
 * inbox service (inboxBatches: the inbox's own filters, keyset pagination in batches) and their
 * codings from the codings service, a batch at a time, written as CSV, JSONL or XLSX and streamed:
 * the whole result is never in memory. A view of at most `directMax` items downloads directly; a
 * larger one runs as a background job (EXPORT_JOB) that stores the file in the blob store, with its
 * progress, and is downloaded through a link holding a secret token (only its SHA-256 is kept) that
 * expires.
 */
export const EXPORT_JOB = 'analysis.export';
const BATCH = 5000;

export type ExportsContext = {
  db: Db;
  store: BlobStore;
  jobs: { send: (n: string, d: object, o?: { trx?: Db }) => Promise<void> };
  directMax: number;
  linkHours: number;
};

const TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const contentTypeOf = (f: ExportFormat) => TYPES[f];
export const filenameOf = (slugOrId: string, f: ExportFormat) =>
  `inbox-${slugOrId.replace(/[^a-zA-Z0-9-]/g, '').slice(0, 60)}-${new Date().toISOString().slice(0, 10)}.${f}`;

/** The inbox query of an export: the view's filters only. */
function viewOf(q: ExportQuery | Record<string, unknown>): InboxQuery {
  const { format: _f, lang: _l, cursor: _c, ...rest } = q as ExportQuery;
  return { ...rest, limit: 25 } as InboxQuery;
}

/** The view's rows with their codings, a batch at a time. */
async function* rowBatches(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  view: InboxQuery,
): AsyncGenerator<ExportRow[]> {
  for await (const items of inboxBatches(db, actor, consultationId, view, BATCH)) {
    const codings = await codingsForExport(
      db,
      actor,
      consultationId,
      items.map((i) => i.id),
    );
    yield items.map((item) => ({ item, codings: codings.get(item.id) ?? [] }));
  }
}

/**
 * One batch read ahead: the database reads the next batch while this one is written (an export is
 * bound by both, in turns otherwise). At most two batches are held.
 */
async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  // A failure is thrown where it is awaited; this only keeps it from counting as unhandled meanwhile.
  next.catch(() => undefined);
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = source.next();
      next.catch(() => undefined);
      yield r.value;
    }
  } finally {
    await source.return(undefined).catch(() => undefined);
  }
}

/** The file's bytes, batch by batch. */
export async function* exportChunks(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  view: InboxQuery,
  format: ExportFormat,
  lang: 'da' | 'en',
  onBatch?: (done: number) => Promise<void>,
): AsyncGenerator<Buffer> {
  const xlsx = format === 'xlsx' ? xlsxWriter(lang) : null;
  if (format === 'csv') yield Buffer.from(csvHeader());
  let done = 0;
  for await (const rows of readAhead(rowBatches(db, actor, consultationId, view))) {
    if (xlsx) yield await xlsx.rows(rows);
    else {
      let text = '';
      for (const r of rows) text += format === 'csv' ? csvLine(r, lang) : jsonLine(r);
      yield Buffer.from(text);
    }
    done += rows.length;
    await onBatch?.(done);
  }
  if (xlsx) yield await xlsx.end();
}

/** A direct download of a view, streamed (any size; the UI sends only small ones here). */
export async function directExport(db: Db, actor: Actor | null, consultationId: string, q: ExportQuery) {
  const c = await requireWorkspace(db, actor, consultationId, 'read');
  // The first batch is read before the answer starts, so a refusal is still a clean 4xx.
  const it = exportChunks(db, actor, c.id, viewOf(q), q.format, q.lang);
  const first = await it.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* it;
  }
  return { stream: Readable.from(all()), contentType: contentTypeOf(q.format), filename: filenameOf(c.slug, q.format) };
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function view(r: repo.ExportRowDb): ExportView {
  return {
    id: r.id,
    format: r.format,
    status: r.status,
    total: r.total,
    doneCount: r.doneCount,
    error: r.error,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Small view: the direct URL; large: a job, and its download link (its secret shown only here). */
export async function startExport(
  ctx: ExportsContext,
  actor: Actor | null,
  consultationId: string,
  q: ExportQuery,
  directUrl: string,
): Promise<{ status: 200 | 202; body: ExportStart }> {
  const c = await requireWorkspace(ctx.db, actor, consultationId, 'read');
  const total = await inboxViewSize(ctx.db, actor, c.id, viewOf(q));
  if (total <= ctx.directMax) return { status: 200, body: { mode: 'direct', url: directUrl, total } };
  const token = randomBytes(32).toString('base64url');
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await repo.insertExport(trx, {
      consultationId: c.id,
      actor: actor!,
      format: q.format,
      lang: q.lang,
      query: viewOf(q),
      total,
      tokenHash: sha(`inbox-export:${token}`),
      expiresAt: new Date(Date.now() + ctx.linkHours * 3_600_000),
    });
    await ctx.jobs.send(EXPORT_JOB, { exportId: r.id }, { trx });
    return r;
  });
  return {
    status: 202,
    body: {
      mode: 'job',
      export: view(row),
      downloadUrl: `/api/consultations/${c.id}/inbox/exports/${row.id}/download?token=${token}`,
    },
  };
}

export async function getExport(db: Db, actor: Actor | null, consultationId: string, id: string): Promise<ExportView> {
  const c = await requireWorkspace(db, actor, consultationId, 'read');
  const r = await repo.findExport(db, c.id, id);
  // Another analyst's export is theirs: its progress is not shown to others.
  if (!r || r.actor.id !== actor!.id) throw notFound('Export');
  return view(r);
}

/**
 * The file of a finished export, for the holder of its link: the token is the credential (it is
 * never logged: app.ts masks `token=` in logged URLs). A wrong, expired or unfinished one is 404.
 */
export async function downloadExport(db: Db, store: BlobStore, consultationId: string, id: string, token: string) {
  const r = await repo.findExportById(db, id);
  const given = Buffer.from(sha(`inbox-export:${token}`));
  const ok =
    r &&
    r.consultationId === consultationId &&
    r.tokenHash !== null &&
    timingSafeEqual(given, Buffer.from(r.tokenHash)) &&
    r.expiresAt !== null &&
    r.expiresAt.getTime() > Date.now();
  if (!ok) throw notFound('Export');
  if (r.status !== 'done' || !r.storageKey) throw new AppError('CONFLICT', 'The export is not finished yet');
  return {
    stream: await store.get(r.storageKey),
    contentType: contentTypeOf(r.format),
    filename: filenameOf(r.consultationId, r.format),
  };
}

export type ExportJobDeps = { db: Db; store: BlobStore; log: { warn: (o: object, m: string) => void } };

/**
 * The `analysis.export` job: writes the file into the blob store as it is made (streamed), its
 * progress after each batch; a restart runs it again from the start (claimExport takes a running one).
 */
export async function runExportJob(deps: ExportJobDeps, data: unknown): Promise<void> {
  const id = (data as { exportId?: unknown } | null)?.exportId;
  if (typeof id !== 'string') return;
  const r = await repo.claimExport(deps.db, id);
  if (!r) return;
  const key = `exports/${r.id}-${r.format}`;
  try {
    let last = 0;
    let done = 0;
    const chunks = exportChunks(deps.db, r.actor, r.consultationId, viewOf(r.query), r.format, r.lang, async (n) => {
      done = n;
      if (Date.now() - last < 500) return;
      last = Date.now();
      await repo.setProgress(deps.db, r.id, n);
    });
    await deps.store.put(key, Readable.from(chunks));
    await repo.finishExport(deps.db, r.id, { storageKey: key, done });
  } catch (err) {
    deps.log.warn({ err, exportId: r.id }, 'inbox export failed');
    await deps.store.delete(key).catch(() => undefined);
    await repo.failExport(deps.db, r.id, (err instanceof Error ? err.message : String(err)).slice(0, 1000));
  }
}

/** Queue name of the hourly sweep of expired exports' files. */
export const EXPORT_SWEEP_JOB = 'analysis.export-sweep';

/**
 * Deletes the files of exports whose link has expired: an export holds respondents' personal data and
 * is not kept past its purpose (GDPR art. 5(1)(e)). The row stays, with its filters, counts and who
 * asked, as the record of the export; its link is cleared first, then the file deleted (a file left by
 * a failed delete is logged). Runs until no expired file is left.
 */
export async function sweepExpiredExports(
  deps: ExportJobDeps,
  opts: { batch?: number } = {},
): Promise<{ deleted: number; failed: number }> {
  const batch = opts.batch ?? 200;
  let deleted = 0;
  let failed = 0;
  for (;;) {
    const rows = await repo.takeExpiredFiles(deps.db, batch);
    for (const r of rows) {
      try {
        await deps.store.delete(r.storageKey);
        deleted++;
      } catch (err) {
        failed++;
        deps.log.warn({ err, exportId: r.id }, 'export sweep: file not deleted');
      }
    }
    if (rows.length < batch) return { deleted, failed };
  }
}
