import type { QuestionForAnswers } from '../responses.rules.ts';

/**
 * Pure rules of the bulk import (issue 12 story 3): which CSV columns mean what, how a date is
 * read, and the errors a staged row can carry. No I/O.
 */

export type RowErrorCode =
  | 'missing_ref'
  | 'duplicate_ref'
  | 'missing_text'
  | 'bad_date'
  | 'unknown_question'
  | 'bad_answer'
  | 'bad_value'
  | 'file_not_found'
  | 'file_too_large'
  | 'file_wrong_type';
export type RowError = { field: string; code: RowErrorCode; message: string };

/** A row as read from a CSV or a mail, before its files are stored and its answers checked. */
export type RawRecord = {
  rowNo: number;
  ref: string;
  name: string;
  email: string;
  organisation: string;
  actingAs: string;
  consent: string;
  channel: string;
  received: string;
  body: string;
  /** Column header → cell, for the question columns (`question:<id>` or `q<position>`). */
  answers: Record<string, string>;
  /** File names the row names, or null when it names none (then files named `<ref>_N.ext` or `<ref>.ext` are its). */
  files: string[] | null;
};

const ALIASES: Record<Exclude<keyof RawRecord, 'rowNo' | 'answers' | 'files'> | 'files' | 'first' | 'last', string[]> =
  {
    ref: ['external_ref', 'externalref', 'reference', 'ref', 'reference id', 'document id', 'message-id', 'message id'],
    name: ['name', 'sender', 'navn', 'afsender', 'respondent'],
    first: ['first name', 'submitter first name', 'fornavn'],
    last: ['last name', 'submitter last name', 'efternavn'],
    email: ['email', 'e-mail', 'mail', 'sender email'],
    organisation: ['organisation', 'organization', 'organisationsnavn', 'organisation name', 'organization name'],
    actingAs: ['acting_as', 'actingas', 'acting as'],
    consent: ['consent', 'samtykke'],
    channel: ['channel', 'kanal'],
    received: ['received_at', 'receivedat', 'received', 'received date', 'date', 'dato', 'modtaget'],
    body: ['text', 'body', 'text comment', 'comment', 'tekst', 'svar', 'response'],
    files: ['files', 'attachments', 'filer', 'bilag'],
  };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const QUESTION_COLUMN = /^(question:[0-9a-f-]{36}|q[0-9]{1,3})$/i;
const NOT_GIVEN = new Set(['', 'n/a', 'na', '-']);
const given = (s: string | undefined) => (s === undefined || NOT_GIVEN.has(s.trim().toLowerCase()) ? '' : s.trim());

export type CsvMapping = { headerRow: number; columns: Map<string, number>; questionColumns: Map<string, number> };

/**
 * Finds the header: the first row (of the first 20) that has a reference column and a text column,
 * so an export with a few rows above its table (a regulations.gov docket export) is read as it is.
 */
export function findHeader(rows: string[][]): CsvMapping | null {
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const cells = rows[r]!.map(norm);
    const columns = new Map<string, number>();
    const questionColumns = new Map<string, number>();
    cells.forEach((cell, i) => {
      for (const [key, names] of Object.entries(ALIASES)) {
        if (names.includes(cell) && !columns.has(key)) columns.set(key, i);
      }
      if (QUESTION_COLUMN.test(cell)) questionColumns.set(cell, i);
    });
    if (columns.has('ref') && (columns.has('body') || columns.has('files') || questionColumns.size > 0)) {
      return { headerRow: r, columns, questionColumns };
    }
  }
  return null;
}

/** The records under the header; blank rows are skipped, row numbers are the file's (1-based). */
export function csvRecords(rows: string[][], m: CsvMapping): RawRecord[] {
  const out: RawRecord[] = [];
  const cell = (row: string[], key: string) => {
    const i = m.columns.get(key);
    return i === undefined ? '' : given(row[i]);
  };
  for (let r = m.headerRow + 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.every((c) => c.trim() === '')) continue;
    const answers: Record<string, string> = {};
    for (const [col, i] of m.questionColumns) if (given(row[i]) !== '') answers[col] = row[i]!.trim();
    const files = cell(row, 'files');
    const name = cell(row, 'name') || [cell(row, 'first'), cell(row, 'last')].filter(Boolean).join(' ');
    out.push({
      rowNo: r + 1,
      ref: cell(row, 'ref'),
      name,
      email: cell(row, 'email'),
      organisation: cell(row, 'organisation'),
      actingAs: cell(row, 'actingAs'),
      consent: cell(row, 'consent'),
      channel: cell(row, 'channel'),
      received: cell(row, 'received'),
      body: m.columns.has('body') ? (row[m.columns.get('body')!] ?? '').trim() : '',
      answers,
      files:
        files === ''
          ? m.columns.has('files')
            ? []
            : null
          : files
              .split(/[;|]/)
              .map((f) => f.trim())
              .filter(Boolean),
    });
  }
  return out;
}

/**
 * A date as letters and spreadsheets write it: ISO 8601 (with or without a time), Danish
 * `dd.mm.yyyy` or `dd-mm-yyyy`, US `m/d/yyyy` (as regulations.gov exports it). Null when it is none
 * of these or not a real date.
 */
export function parseDate(s: string): Date | null {
  const t = s.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) return null;
    if (m[4] === undefined) return new Date(Date.UTC(y, mo - 1, d, 12));
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ? (m[7] === 'Z' ? 'Z' : m[7].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z'}`;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  m = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(t);
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    if (!m) {
      // An RFC 2822 date (a mail's Date header).
      if (!/^[A-Za-z]{3},? /.test(t)) return null;
      const date = new Date(t);
      return Number.isNaN(date.getTime()) ? null : date;
    }
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  return validDay(y, mo, d) ? new Date(Date.UTC(y, mo - 1, d, 12)) : null;
}

function validDay(y: number, mo: number, d: number): boolean {
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const ACTING = new Set(['citizen', 'business', 'ngo', 'public_authority', 'other']);
const CONSENTS = new Set(['public_named', 'public_anonymous', 'not_public']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type RecordFields = {
  respondent: { name: string; email: string | null; actingAs: string; organisationName: string | null; cvr: null };
  consent: string;
  channel: 'letter' | 'email';
  receivedAt: string;
  body: string;
  answers: { questionId: string; value: unknown }[];
};

/**
 * The fields of a record, and what is wrong with them (files and answers against the questionnaire
 * are checked by the caller). Defaults: name 'Ukendt afsender', acting as a citizen, not to be
 * published (staff decide publication of letters), channel as the source says, received at `now`.
 */
export function recordFields(
  r: RawRecord,
  questions: readonly (QuestionForAnswers & { position?: number })[],
  defaults: { channel: 'letter' | 'email'; now: Date },
): { fields: RecordFields; errors: RowError[] } {
  const errors: RowError[] = [];
  if (r.ref === '') errors.push({ field: 'ref', code: 'missing_ref', message: 'The row has no external reference' });
  else if (r.ref.length > 300)
    errors.push({ field: 'ref', code: 'bad_value', message: 'The reference is longer than 300 characters' });
  let receivedAt = defaults.now;
  if (r.received !== '') {
    const d = parseDate(r.received);
    if (!d) errors.push({ field: 'received', code: 'bad_date', message: `Not a date: ${r.received.slice(0, 40)}` });
    else if (d.getTime() > defaults.now.getTime() + 5 * 60_000) {
      errors.push({ field: 'received', code: 'bad_date', message: 'The date is in the future' });
    } else receivedAt = d;
  }
  const channel = r.channel === '' ? defaults.channel : r.channel.toLowerCase();
  if (channel !== 'letter' && channel !== 'email') {
    errors.push({ field: 'channel', code: 'bad_value', message: 'The channel is letter or email' });
  }
  const actingAs = r.actingAs === '' ? 'citizen' : r.actingAs.toLowerCase();
  if (!ACTING.has(actingAs) || actingAs === 'business') {
    errors.push({
      field: 'actingAs',
      code: 'bad_value',
      message: 'Acting as: citizen, ngo, public_authority or other',
    });
  }
  const consent = r.consent === '' ? 'not_public' : r.consent.toLowerCase();
  if (!CONSENTS.has(consent)) {
    errors.push({
      field: 'consent',
      code: 'bad_value',
      message: 'Consent: public_named, public_anonymous or not_public',
    });
  }
  if (r.email !== '' && (!EMAIL.test(r.email) || r.email.length > 320)) {
    errors.push({ field: 'email', code: 'bad_value', message: 'Not an e-mail address' });
  }
  if ((actingAs === 'ngo' || actingAs === 'public_authority') && r.organisation === '') {
    errors.push({ field: 'organisation', code: 'bad_value', message: 'Name the organisation' });
  }
  if (r.body.length > 100_000)
    errors.push({ field: 'body', code: 'bad_value', message: 'The text is longer than 100,000 characters' });
  if (/\u0000/.test(r.body))
    errors.push({ field: 'body', code: 'bad_value', message: 'The text contains NUL characters' });
  const answers: { questionId: string; value: unknown }[] = [];
  for (const [col, raw] of Object.entries(r.answers)) {
    const q = col.startsWith('question:')
      ? questions.find((x) => x.id === col.slice('question:'.length))
      : questions[Number(col.slice(1)) - 1];
    if (!q) {
      errors.push({ field: col, code: 'unknown_question', message: `No such question in this consultation: ${col}` });
      continue;
    }
    const value = q.kind === 'scale' ? Number(raw) : q.kind === 'multi' ? raw.split(/[;|]/).map((x) => x.trim()) : raw;
    answers.push({ questionId: q.id, value });
  }
  return {
    fields: {
      respondent: {
        name: (r.name || 'Ukendt afsender').slice(0, 200),
        email: r.email === '' ? null : r.email,
        actingAs,
        organisationName: r.organisation === '' ? null : r.organisation.slice(0, 300),
        cvr: null,
      },
      consent,
      channel: channel === 'email' ? 'email' : 'letter',
      receivedAt: receivedAt.toISOString(),
      body: r.body,
      answers,
    },
    errors,
  };
}

/** The files a record means: the names it gives, or else the uploaded files named after its reference. */
export function filesOf(r: RawRecord, uploaded: readonly string[]): { found: string[]; missing: string[] } {
  const byName = new Map(uploaded.map((n) => [n.toLowerCase(), n]));
  if (r.files !== null) {
    const found: string[] = [];
    const missing: string[] = [];
    for (const f of r.files) {
      const base = f.split(/[/\\]/).pop()!.toLowerCase();
      const hit = byName.get(base);
      if (hit) found.push(hit);
      else missing.push(f);
    }
    return { found, missing };
  }
  if (r.ref === '') return { found: [], missing: [] };
  const ref = r.ref.toLowerCase();
  const found = uploaded.filter((n) => {
    const l = n.toLowerCase();
    const stem = l.includes('.') ? l.slice(0, l.lastIndexOf('.')) : l;
    return stem === ref || (stem.startsWith(`${ref}_`) && /^\d+$/.test(stem.slice(ref.length + 1)));
  });
  return { found: found.sort(), missing: [] };
}
