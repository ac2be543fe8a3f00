import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Db } from '../../../db/database.ts';
import type { CodingItemKind } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import { csvRow, UTF8_BOM } from '../../../shared/csv.ts';
import { AppError } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { checkZipBounds, ZipBombError } from '../../files/extraction/zip-guard.ts';
import { refused, requireWorkspace } from '../analysis.service.ts';
import { fromDescription, type QdcTag } from '../codebook/codebook.qdc.ts';
import * as tagsRepo from '../codebook/codebook.repository.ts';
import { MAX_DEPTH, treeOrder } from '../codebook/codebook.rules.ts';
import type { NewCoding } from '../codings/codings.repository.ts';
import { getInboxItem } from '../inbox/inbox.service.ts';
import * as repo from './exchange.repository.ts';
import { readRefi, RefiError, toProjectXml, type ProjectSource, type ReadCode } from './exchange.qdpx.ts';
import {
  clip,
  derivedGuid,
  fromSelection,
  layoutSource,
  slice,
  toSelection,
  type SourceLayout,
} from './exchange.rules.ts';
import type { ImportReport, ImportTagRow, ImportCodingProblem } from './exchange.schemas.ts';
import { visibleCodingsFor } from '../agreement/agreement.fragments.ts';

/**
 * The analysis exchange (issue 11 story 9): the codings as CSV or JSON, the whole analysis as a
 * REFI-QDA project (`.qdpx`), and a codebook (`.qdc`) or a project's codebook and codings imported
 * back, previewed first. Respondents' names and contact details are never written: a source is
 * named by its kind, date and the first eight characters of its id.
 */

type Lang = 'da' | 'en';
const PAGE = 1000;

/** Every tag of the consultation (archived too) by id, with its path of names from the root. */
async function tagPaths(db: Db, consultationId: string) {
  const rows = await tagsRepo.listTags(db, consultationId, { archived: true });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const path = (id: string, lang: Lang): string[] => {
    const out: string[] = [];
    for (let t = byId.get(id); t && out.length < 50; t = t.parentId ? byId.get(t.parentId) : undefined) {
      out.unshift(t.name[lang]);
    }
    return out;
  };
  return { rows, byId, path };
}

/** The codings the actor may see, oldest first (a blind coder of an open sample: not the others' on its items). */
async function* codingRows(db: Db, actor: Actor | null, consultationId: string, proposed: boolean) {
  let after: [string, string] | null = null;
  const visible = visibleCodingsFor(actor);
  for (;;) {
    const rows = await repo.codingsPage(db, consultationId, { proposed, after, limit: PAGE, visible });
    for (const r of rows) yield r;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = [last.cursorAt, last.id];
  }
}

export const CSV_HEADER = [
  'item_kind',
  'item_id',
  'item_version',
  'field',
  'start',
  'end',
  'quote',
  'tag_id',
  'tag_path_da',
  'tag_path_en',
  'stance',
  'note',
  'status',
  'coder',
  'created_at',
];

/**
 * The codings as CSV (the shared writer: UTF-8 with a byte-order mark, so Excel reads æ, ø and å;
 * RFC 4180 quoting; formula-like cells neutralised) or JSON, one row per coding, confirmed only unless `proposed`.
 * The workspace is checked before the first byte; the rows are then read page by page as the
 * client takes them.
 */
export async function exportCodings(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  opts: { format: 'csv' | 'json'; proposed: boolean },
) {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const tags = await tagPaths(db, c.id);
  const row = (r: repo.ExchangeCodingRow) => ({
    itemKind: r.itemKind,
    itemId: r.itemId,
    itemVersion: r.itemVersion,
    field: r.field,
    start: r.startOffset,
    end: r.endOffset,
    quote: r.quote,
    tagId: r.tagId,
    tagPath: { da: tags.path(r.tagId, 'da'), en: tags.path(r.tagId, 'en') },
    stance: r.stance,
    note: r.note,
    status: r.status,
    coder: r.coderName ?? '',
    createdAt: r.createdAt.toISOString(),
  });
  async function* csv() {
    yield `${UTF8_BOM}${csvRow(CSV_HEADER)}`;
    for await (const r of codingRows(db, actor, c.id, opts.proposed)) {
      const x = row(r);
      yield csvRow([
        x.itemKind,
        x.itemId,
        x.itemVersion,
        x.field,
        x.start,
        x.end,
        x.quote,
        x.tagId,
        x.tagPath.da.join(' > '),
        x.tagPath.en.join(' > '),
        x.stance,
        x.note,
        x.status,
        x.coder,
        x.createdAt,
      ]);
    }
  }
  async function* json() {
    const head = {
      format: 'samraad.codings',
      formatVersion: 1,
      consultation: { id: c.id, slug: c.slug },
      exportedAt: new Date().toISOString(),
      offsets: 'Unicode code points into the field’s stored text, [start, end)',
    };
    yield `${JSON.stringify(head).slice(0, -1)},"codings":[`;
    let first = true;
    for await (const r of codingRows(db, actor, c.id, opts.proposed)) {
      yield `${first ? '' : ','}\n${JSON.stringify(row(r))}`;
      first = false;
    }
    yield '\n]}\n';
  }
  const stream = Readable.from(opts.format === 'csv' ? csv() : json(), { objectMode: false });
  return { slug: c.slug, stream };
}

const ITEM_LABEL = {
  da: { response: 'Høringssvar', comment: 'Kommentar', attachment: 'Bilag' },
  en: { response: 'Response', comment: 'Comment', attachment: 'Attachment' },
};
const ARCHIVED = { da: 'arkiveret', en: 'archived' };

type ItemTexts = { kind: 'response' | 'comment'; id: string; receivedAt: string; layouts: Record<Lang, SourceLayout> };

/** An item's texts (through the inbox's item reader) laid out as one plain text in each language; null if gone. */
async function itemTexts(db: Db, actor: Actor | null, consultationId: string, kind: CodingItemKind, id: string) {
  if (kind !== 'response' && kind !== 'comment') return null;
  try {
    const item = await getInboxItem(db, actor, consultationId, kind, id);
    const layout = (lang: Lang) =>
      layoutSource(
        ITEM_LABEL[lang][kind],
        item.texts.map((x) => ({
          field: x.field,
          label: x.label
            ? x.field.startsWith('attachment:')
              ? `${ITEM_LABEL[lang].attachment}: ${x.label[lang]}`
              : x.label[lang]
            : null,
          text: x.text,
        })),
      );
    return { kind, id, receivedAt: item.receivedAt, layouts: { da: layout('da'), en: layout('en') } } as ItemTexts;
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 404) return null;
    throw err;
  }
}

/**
 * The consultation's analysis as a REFI-QDA project (`.qdpx`): the coders as users (GUID = account
 * id), the codebook (GUID = tag id; archived tags only when they still hold codings, marked and not
 * codable; merged tags are gone, their codings moved), one text source per item (GUID = item id)
 * whose plain text is in `sources/<guid>.txt`, and each confirmed coding as a selection (GUID =
 * coding id) with the coding of its code. Stances and proposed codings are not part of the standard
 * and are left out (the CSV and JSON have them).
 */
export async function exportProject(db: Db, actor: Actor | null, consultationIdOrSlug: string, lang: Lang) {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const tags = await tagPaths(db, c.id);
  const codings: repo.ExchangeCodingRow[] = [];
  for await (const r of codingRows(db, actor, c.id, false)) codings.push(r);
  const used = new Set(codings.map((r) => r.tagId));
  // An archived tag is kept (not codable) when it or a tag under it holds a coding.
  const keep = new Set<string>();
  for (const id of used) {
    for (let t = tags.byId.get(id); t && !keep.has(t.id); t = t.parentId ? tags.byId.get(t.parentId) : undefined) {
      keep.add(t.id);
    }
  }
  const codes: QdcTag[] = treeOrder(
    tags.rows.filter((t) => t.mergedIntoId === null && (!t.archivedAt || keep.has(t.id))),
  ).map((t) => ({
    id: t.id,
    parentId: t.parentId,
    name: t.archivedAt ? { da: `${t.name.da} (${ARCHIVED.da})`, en: `${t.name.en} (${ARCHIVED.en})` } : t.name,
    definition: t.definition,
    includeNote: t.includeNote,
    excludeNote: t.excludeNote,
    example: t.example,
    isCodable: !t.archivedAt,
  }));
  const users = new Map<string, string>();
  const byItem = new Map<string, repo.ExchangeCodingRow[]>();
  for (const r of codings) {
    users.set(r.coderId, r.coderName ?? '');
    byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  }
  const items = await repo.itemsOf(db, c.id);
  const files: Record<string, Uint8Array> = {};
  const sources: ProjectSource[] = [];
  let left = 0;
  // Each item's texts come through the inbox's item reader (a few queries each): eight at a time,
  // which a PostgreSQL pool runs side by side.
  const entries = [...items];
  const loaded: (ItemTexts | null)[] = [];
  for (let i = 0; i < entries.length; i += 8) {
    loaded.push(
      ...(await Promise.all(entries.slice(i, i + 8).map(([id, kind]) => itemTexts(db, actor, c.id, kind, id)))),
    );
  }
  for (const [i, [id, kind]] of entries.entries()) {
    const item = loaded[i];
    if (!item) {
      left += byItem.get(id)?.length ?? 0;
      continue;
    }
    const layout = item.layouts[lang];
    files[`${id}.txt`] = strToU8(layout.text);
    const selections: ProjectSource['selections'] = [];
    for (const r of byItem.get(id) ?? []) {
      const at = toSelection(layout, r);
      if (!at || !keep.has(r.tagId)) {
        left++;
        continue;
      }
      selections.push({
        guid: r.id,
        codingGuid: derivedGuid('coding', r.id),
        codeGuid: r.tagId,
        start: at.start,
        end: at.end,
        userGuid: r.coderId,
        createdAt: r.createdAt.toISOString(),
        note: r.note,
      });
    }
    const date = item.receivedAt.slice(0, 10);
    sources.push({
      guid: id,
      name: `${ITEM_LABEL[lang][kind as 'response' | 'comment']} ${date} #${id.slice(0, 8)}`,
      createdAt: item.receivedAt,
      selections,
    });
  }
  const now = new Date().toISOString();
  const xml = toProjectXml({
    name: `Samråd: ${c.slug}`,
    origin: 'Samråd',
    lang,
    createdAt: now,
    description:
      lang === 'da'
        ? `Analysen af høringen ${c.slug}, eksporteret ${now}. Positioner tæller Unicode-tegn (kodepunkter).`
        : `The analysis of the consultation ${c.slug}, exported ${now}. Positions count Unicode characters (code points).`,
    users: [...users].map(([guid, name]) => ({ guid, name })),
    codes,
    sources,
  });
  const zip = zipSync({ 'project.qde': strToU8(xml), sources: files }, { level: 6 });
  return { slug: c.slug, zip, codings: codings.length - left, left };
}

/* ------------------------------------------------------------------------------------------ */
/* Import                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** How much a `.qdpx` may unpack to, and how many parts it may have. */
export const IMPORT_LIMITS = { maxTotalBytes: 256 * 1024 * 1024, maxEntries: 200_000 };
/** Problems listed in a report (their count is always complete). */
const MAX_PROBLEM_ROWS = 500;

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The file's REFI-QDA document and, for a project, its sources' texts by path. */
function readFile(filename: string, bytes: Uint8Array) {
  if (!isZip(bytes)) {
    if (/\.qdpx$/i.test(filename)) throw refused('BAD_REQUEST', 'not_zip', 'A .qdpx file must be a ZIP archive');
    const doc = readRefi(new TextDecoder().decode(bytes));
    return { doc, texts: new Map<string, string>() };
  }
  try {
    checkZipBounds(bytes, IMPORT_LIMITS);
  } catch (err) {
    // The guard refuses an archive that unpacks past the limits ("Refused: …"); anything else is not a ZIP it can read.
    if (err instanceof ZipBombError && err.message.startsWith('Refused')) {
      throw new AppError('PAYLOAD_TOO_LARGE', 'The archive unpacks to more than Samråd accepts (a zip bomb?)', {
        reason: 'zip_too_large',
      });
    }
    throw refused('BAD_REQUEST', 'not_zip', 'The archive cannot be unpacked');
  }
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => f.name === 'project.qde' || /^sources\/[^/]+\.txt$/.test(f.name) });
  } catch {
    throw refused('BAD_REQUEST', 'not_zip', 'The archive cannot be unpacked');
  }
  const qde = parts['project.qde'];
  if (!qde) throw refused('BAD_REQUEST', 'not_refi', 'The archive has no project.qde');
  const doc = readRefi(strFromU8(qde));
  if (doc.kind !== 'project') throw refused('BAD_REQUEST', 'not_refi', 'project.qde holds no <Project>');
  const texts = new Map<string, string>();
  for (const [name, data] of Object.entries(parts)) if (name !== 'project.qde') texts.set(name, strFromU8(data));
  return { doc, texts };
}

type PlannedTag = ImportTagRow & { parentTagId: string | null; depth: number; code: ReadCode };

const norm = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('da');

/** Which codes match a tag (by GUID, else by name under the same parent) and which are new. */
function planTags(codes: readonly ReadCode[], existing: readonly tagsRepo.TagRow[]) {
  const byId = new Map(existing.map((t) => [t.id, t]));
  const depthOf = (id: string | null): number => {
    let d = 0;
    for (let t = id ? byId.get(id) : undefined; t; t = t.parentId ? byId.get(t.parentId) : undefined) d++;
    return d;
  };
  const rows: PlannedTag[] = [];
  const tagOf = new Map<string, string | null>(); // code GUID → tag id (null: skipped)
  const walk = (code: ReadCode, parent: { tagId: string | null; isNew: boolean; path: string[]; skipped: boolean }) => {
    const path = [...parent.path, code.name];
    const depth =
      parent.tagId === null
        ? 1
        : parent.isNew
          ? rows.find((r) => r.tagId === parent.tagId)!.depth + 1
          : depthOf(parent.tagId) + 1;
    let row: PlannedTag;
    const base = { guid: code.guid, path, parentTagId: parent.tagId, depth, code };
    const byGuid = byId.get(code.guid);
    if (parent.skipped) {
      row = { ...base, action: 'skipped', tagId: null, reason: 'parent_skipped' };
    } else if (byGuid && byGuid.mergedIntoId === null) {
      row = { ...base, action: 'matched_guid', tagId: byGuid.id, reason: byGuid.archivedAt ? 'archived' : null };
    } else {
      const match = parent.isNew
        ? undefined
        : existing.find(
            (t) =>
              t.parentId === parent.tagId &&
              !t.archivedAt &&
              (norm(t.name.da) === norm(code.name) || norm(t.name.en) === norm(code.name)),
          );
      if (match) row = { ...base, action: 'matched_name', tagId: match.id, reason: null };
      else if (!code.name) row = { ...base, action: 'skipped', tagId: null, reason: 'no_name' };
      else if (depth > MAX_DEPTH) row = { ...base, action: 'skipped', tagId: null, reason: 'too_deep' };
      else
        row = {
          ...base,
          action: 'created',
          tagId: randomUUID(),
          reason: code.name.length > 200 ? 'name_shortened' : null,
        };
    }
    rows.push(row);
    tagOf.set(code.guid, row.action === 'skipped' ? null : row.tagId);
    for (const child of code.children) {
      walk(child, {
        tagId: row.tagId,
        isNew: row.action === 'created',
        path,
        skipped: row.action === 'skipped',
      });
    }
  };
  for (const code of codes) walk(code, { tagId: null, isNew: false, path: [], skipped: false });
  return { rows, tagOf, byId };
}

/**
 * Reads an uploaded `.qdc` or `.qdpx` and previews (apply = false) or applies its import in one
 * transaction: the codes become tags (matched by GUID, then by name under the same parent, else
 * created under it), and a project's codings on sources Samråd exported become codings of the
 * importing analyst where the text at the selection is still the item's text. Codings already
 * present (same item, tag and words) are counted, not duplicated; the rest is reported by row.
 */
export async function importAnalysis(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  file: { filename: string; bytes: Uint8Array },
  apply: boolean,
): Promise<ImportReport> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'codebook');
  let read: ReturnType<typeof readFile>;
  try {
    read = readFile(file.filename, file.bytes);
  } catch (err) {
    if (err instanceof RefiError) throw refused('BAD_REQUEST', err.reason, err.message);
    throw err;
  }
  const { doc, texts } = read;
  if (!doc.codes.length && !doc.sources.length) {
    throw refused('BAD_REQUEST', 'empty', 'The file has no codes and no sources to import');
  }

  const run = async (trx: Db): Promise<ImportReport> => {
    const existing = apply
      ? await tagsRepo.lockTags(trx, c.id)
      : await tagsRepo.listTags(trx, c.id, { archived: true });
    const plan = planTags(doc.codes, existing);
    const problems: ImportCodingProblem[] = [];
    let problemCount = 0;
    const problem = (p: ImportCodingProblem) => {
      problemCount++;
      if (problems.length < MAX_PROBLEM_ROWS) problems.push(p);
    };
    const newCodings: NewCoding[] = [];
    let present = 0;
    if (doc.kind === 'project' && doc.sources.some((s) => s.selections.length)) {
      const items = await repo.itemsOf(trx, c.id);
      for (const s of doc.sources) {
        if (!s.selections.length) continue;
        const each = (reason: ImportCodingProblem['reason']) =>
          s.selections.forEach((x) =>
            problem({ source: s.name || s.guid, sourceGuid: s.guid, selectionGuid: x.guid, reason }),
          );
        // An item not yet in the inbox (indexed a little later) and not coded is looked up by its id.
        const kind = items.get(s.guid);
        const item = kind
          ? await itemTexts(trx, actor, c.id, kind, s.guid)
          : ((await itemTexts(trx, actor, c.id, 'response', s.guid)) ??
            (await itemTexts(trx, actor, c.id, 'comment', s.guid)));
        if (!item) {
          each('unknown_source');
          continue;
        }
        const fileText = s.content ?? (s.path !== null ? texts.get(s.path) : undefined) ?? null;
        if (fileText === null) {
          each('no_source_text');
          continue;
        }
        const layout =
          [item.layouts.da, item.layouts.en].find((l) => l.text === fileText) ?? item.layouts[doc.lang ?? 'da'];
        const fileChars = Array.from(fileText).length;
        // Codings compare by the words they cover in the item's text, so a passage over a whole
        // field and a coding of that field are the same coding.
        const keyOf = (
          tagId: string,
          p: { field: string | null; startOffset: number | null; endOffset: number | null },
        ) => {
          const at = toSelection(layout, p);
          return at ? `${tagId}|${at.start}|${at.end}` : `${tagId}|${p.field}|${p.startOffset}|${p.endOffset}`;
        };
        const keys = new Set((await repo.codingPlaces(trx, c.id, item.kind, item.id)).map((p) => keyOf(p.tagId, p)));
        for (const x of s.selections) {
          const start = x.start ?? 0;
          const end = x.end ?? fileChars;
          const report = (reason: ImportCodingProblem['reason']) =>
            problem({ source: s.name || s.guid, sourceGuid: s.guid, selectionGuid: x.guid, reason });
          const wholeFile = start === 0 && end === fileChars;
          if (
            !(wholeFile && layout.text === fileText) &&
            slice(fileText, start, end) !== slice(layout.text, start, end)
          ) {
            report('text_changed');
            continue;
          }
          const back = wholeFile && layout.text !== fileText ? null : fromSelection(layout, start, end);
          if (!back) {
            report('text_changed');
            continue;
          }
          if (!back.ok) {
            report(back.reason);
            continue;
          }
          const place = back.place;
          if (place.field?.startsWith('attachment:') && place.startOffset !== null) {
            report('attachment_part');
            continue;
          }
          for (const codeGuid of x.codeGuids) {
            const tagId = plan.tagOf.get(codeGuid) ?? null;
            const row = plan.rows.find((r) => r.guid === codeGuid);
            if (tagId === null || !row) {
              report('code_skipped');
              continue;
            }
            if (row.action === 'matched_guid' && row.reason === 'archived') {
              report('archived_tag');
              continue;
            }
            const key = keyOf(tagId, place);
            if (keys.has(key)) {
              present++;
              continue;
            }
            keys.add(key);
            const field = place.field === null ? null : layout.fields.find((f) => f.field === place.field)!;
            newCodings.push({
              consultationId: c.id,
              tagId,
              itemKind: item.kind,
              itemId: item.id,
              field: place.field,
              itemVersion: null,
              startOffset: place.startOffset,
              endOffset: place.endOffset,
              quote:
                field && place.startOffset !== null
                  ? slice(layout.text, field.start + place.startOffset, field.start + place.endOffset!)
                  : null,
              stance: null,
              note: clip(x.note, 5000),
              coderId: actor!.id,
            });
          }
        }
      }
    }
    const created = plan.rows.filter((r) => r.action === 'created');
    const report: ImportReport = {
      applied: apply,
      format: doc.kind === 'project' ? 'qdpx' : 'qdc',
      tags: {
        created: created.length,
        matched: plan.rows.filter((r) => r.action === 'matched_guid' || r.action === 'matched_name').length,
        skipped: plan.rows.filter((r) => r.action === 'skipped').length,
        rows: plan.rows.slice(0, 5000).map(({ guid, path, action, tagId, reason }) => ({
          guid,
          path,
          action,
          tagId: action === 'created' && !apply ? null : tagId,
          reason,
        })),
      },
      codings: { created: newCodings.length, present, problems: problemCount, rows: problems },
    };
    if (!apply) return report;

    const siblings = new Map<string | null, number>();
    for (const t of existing) siblings.set(t.parentId, Math.max(siblings.get(t.parentId) ?? 0, t.position + 1));
    await tagsRepo.insertTags(
      trx,
      created.map((r) => {
        const position = siblings.get(r.parentTagId) ?? 0;
        siblings.set(r.parentTagId, position + 1);
        return {
          id: r.tagId!,
          consultationId: c.id,
          parentId: r.parentTagId,
          name: { da: clip(r.code.name, 200), en: clip(r.code.name, 200) },
          ...(Object.fromEntries(
            Object.entries(fromDescription(r.code.description)).map(([k, v]) => [k, clip(v, 5000)]),
          ) as ReturnType<typeof fromDescription>),
          scenarioId: null,
          position,
          createdBy: actor?.id ?? null,
        };
      }),
    );
    // The item's version now, as a coding made in Samråd would carry.
    const versions = new Map<string, number | null>();
    for (const n of newCodings) {
      if (!versions.has(n.itemId)) {
        const item = n.itemKind === 'response' ? await getInboxItem(trx, actor, c.id, 'response', n.itemId) : null;
        versions.set(n.itemId, item ? item.version : null);
      }
      n.itemVersion = versions.get(n.itemId) ?? null;
    }
    await repo.insertCodings(trx, newCodings);
    await recordAudit(trx, actor, {
      action: 'analysis.import',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: {
        filename: clip(file.filename, 200),
        format: report.format,
        tagsCreated: report.tags.created,
        tagsMatched: report.tags.matched,
        tagsSkipped: report.tags.skipped,
        codingsCreated: report.codings.created,
        codingsPresent: report.codings.present,
        codingProblems: report.codings.problems,
      },
    });
    return report;
  };
  return apply ? db.transaction().execute(run) : run(db);
}
