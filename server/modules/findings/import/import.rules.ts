import { SEVERITIES, FINDING_STATUSES, type FindingStatus, type Severity } from '../findings.schemas.ts';

/**
 * Pure rules of the findings CSV import (issue 13 story 1): which column is which, and each row read
 * into a finding or into its errors. No I/O: the scenarios and sessions are passed in.
 */

export type Column =
  | 'scenario'
  | 'session'
  | 'sessionDate'
  | 'facilitator'
  | 'task'
  | 'observation'
  | 'severity'
  | 'participantsAffected'
  | 'recommendation'
  | 'status'
  | 'statusNote';

/** Header names a lab's spreadsheet may use (Danish or English, case and spacing ignored). */
const HEADERS: Record<string, Column> = {
  scenario: 'scenario',
  scenarie: 'scenario',
  session: 'session',
  sessions: 'session',
  sessioner: 'session',
  session_ref: 'session',
  test: 'session',
  session_date: 'sessionDate',
  date: 'sessionDate',
  dato: 'sessionDate',
  facilitator: 'facilitator',
  testleder: 'facilitator',
  task: 'task',
  opgave: 'task',
  observation: 'observation',
  observed: 'observation',
  severity: 'severity',
  alvorlighed: 'severity',
  participants_affected: 'participantsAffected',
  affected: 'participantsAffected',
  frequency: 'participantsAffected',
  antal: 'participantsAffected',
  antal_deltagere: 'participantsAffected',
  recommendation: 'recommendation',
  anbefaling: 'recommendation',
  status: 'status',
  status_note: 'statusNote',
  note: 'statusNote',
  statusnote: 'statusNote',
};

const normHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Each known column's index in the header row; unknown headers are listed so the preview can say so. */
export function readHeader(header: readonly string[]): { columns: Partial<Record<Column, number>>; unknown: string[] } {
  const columns: Partial<Record<Column, number>> = {};
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const col = HEADERS[normHeader(h)];
    if (col && columns[col] === undefined) columns[col] = i;
    else if (h.trim() !== '') unknown.push(h.trim());
  });
  return { columns, unknown };
}

/** A header is usable when it names an observation, a severity, a scenario and a way to find the session. */
export function missingColumns(columns: Partial<Record<Column, number>>): string[] {
  const out: string[] = [];
  for (const c of ['scenario', 'observation', 'severity', 'participantsAffected'] as const)
    if (columns[c] === undefined) out.push(c);
  if (columns.session === undefined && (columns.sessionDate === undefined || columns.facilitator === undefined))
    out.push('session (or session_date and facilitator)');
  return out;
}

const SEVERITY_WORDS: Record<string, Severity> = {
  kritisk: 'critical',
  alvorlig: 'major',
  væsentlig: 'major',
  mindre: 'minor',
  lille: 'minor',
  kosmetisk: 'cosmetic',
};
const STATUS_WORDS: Record<string, FindingStatus> = {
  åben: 'open',
  aaben: 'open',
  løst: 'addressed',
  loest: 'addressed',
  "won't fix": 'wont_fix',
  'wont fix': 'wont_fix',
  'løses ikke': 'wont_fix',
};

export function readSeverity(v: string): Severity | null {
  const s = v.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : (SEVERITY_WORDS[s] ?? null);
}

export function readStatus(v: string): FindingStatus | null {
  const s = v.trim().toLowerCase().replace(/_/g, ' ');
  if (s === '') return 'open';
  const plain = s.replace(/ /g, '_');
  return (FINDING_STATUSES as readonly string[]).includes(plain) ? (plain as FindingStatus) : (STATUS_WORDS[s] ?? null);
}

/** A day as ISO: 2026-11-03, 3.11.2026, 03-11-2026 or 3/11/2026 (day first, as in Denmark); else null. */
export function readDate(v: string): string | null {
  const s = v.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  const [y, m, d] = iso
    ? [iso[1]!, iso[2]!, iso[3]!]
    : dmy
      ? [dmy[3]!, dmy[2]!.padStart(2, '0'), dmy[1]!.padStart(2, '0')]
      : [];
  if (!y) return null;
  const out = `${y}-${m}-${d}`;
  const t = new Date(`${out}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(out) ? out : null;
}

export type SessionKey = {
  id: string;
  ref: string | null;
  heldOn: string;
  facilitator: string;
  participantCount: number;
};
export type ImportContext = {
  scenarios: ReadonlyMap<string, string>;
  sessions: readonly SessionKey[];
};

export type RowError = { column: string; code: string; message: string };
export type RowInput = Partial<Record<Column, string>>;
export type RowValues = {
  scenarioId: string;
  sessionIds: string[];
  task: string;
  observation: string;
  severity: Severity;
  participantsAffected: number;
  recommendation: string;
  status: FindingStatus;
  statusNote: string;
};

export const MAX_TEXT = 20_000;

/** The row's cells by column. */
export function rowInput(cells: readonly string[], columns: Partial<Record<Column, number>>): RowInput {
  const out: RowInput = {};
  for (const [col, i] of Object.entries(columns) as [Column, number][]) out[col] = (cells[i] ?? '').trim();
  return out;
}

function findSessions(input: RowInput, ctx: ImportContext, errors: RowError[]): SessionKey[] {
  if (input.session) {
    const refs = input.session
      .split(/[;,]/)
      .map((r) => r.trim())
      .filter((r) => r !== '');
    const found: SessionKey[] = [];
    for (const ref of refs) {
      const s = ctx.sessions.find((x) => x.ref !== null && x.ref.toLowerCase() === ref.toLowerCase());
      if (s) found.push(s);
      else
        errors.push({ column: 'session', code: 'session_not_found', message: `No session has the reference ${ref}` });
    }
    return found;
  }
  const day = readDate(input.sessionDate ?? '');
  if (!day) {
    errors.push({
      column: 'session_date',
      code: 'bad_date',
      message: 'Give the session’s date (2026-11-03 or 3.11.2026)',
    });
    return [];
  }
  const who = (input.facilitator ?? '').toLowerCase();
  const found = ctx.sessions.filter((s) => s.heldOn === day && s.facilitator.toLowerCase() === who);
  if (found.length === 0)
    errors.push({
      column: 'session',
      code: 'session_not_found',
      message: `No session on ${day} with ${input.facilitator ?? ''}`,
    });
  if (found.length > 1)
    errors.push({
      column: 'session',
      code: 'session_ambiguous',
      message: `Several sessions on ${day} with ${input.facilitator}; use the session reference column`,
    });
  return found.length === 1 ? found : [];
}

/** A row read into a finding's values, or its errors (all of them, so the preview shows every one). */
export function readRow(input: RowInput, ctx: ImportContext): { values: RowValues | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const scenarioId = ctx.scenarios.get((input.scenario ?? '').toUpperCase());
  if (!scenarioId)
    errors.push({ column: 'scenario', code: 'unknown_scenario', message: `Unknown scenario ${input.scenario ?? ''}` });
  const sessions = findSessions(input, ctx, errors);
  const severity = readSeverity(input.severity ?? '');
  if (!severity)
    errors.push({
      column: 'severity',
      code: 'bad_severity',
      message: 'Severity is critical, major, minor or cosmetic',
    });
  const observation = input.observation ?? '';
  if (observation === '') errors.push({ column: 'observation', code: 'missing', message: 'The observation is empty' });
  for (const col of ['task', 'observation', 'recommendation', 'statusNote'] as const)
    if ((input[col] ?? '').length > MAX_TEXT)
      errors.push({ column: col, code: 'too_long', message: `At most ${MAX_TEXT} characters` });
  const n = /^\d{1,7}$/.test(input.participantsAffected ?? '') ? Number(input.participantsAffected) : NaN;
  if (!(n >= 1))
    errors.push({ column: 'participants_affected', code: 'bad_count', message: 'A whole number, at least 1' });
  const total = sessions.reduce((k, s) => k + s.participantCount, 0);
  if (n >= 1 && sessions.length > 0 && n > total)
    errors.push({
      column: 'participants_affected',
      code: 'too_many_affected',
      message: `More than the ${total} participants of the sessions`,
    });
  const status = readStatus(input.status ?? '');
  if (!status) errors.push({ column: 'status', code: 'bad_status', message: 'Status is open, addressed or wont_fix' });
  if (errors.length > 0 || !scenarioId || !severity || !status) return { values: null, errors };
  return {
    values: {
      scenarioId,
      sessionIds: [...new Set(sessions.map((s) => s.id))],
      task: input.task ?? '',
      observation,
      severity,
      participantsAffected: n,
      recommendation: input.recommendation ?? '',
      status,
      statusNote: input.statusNote ?? '',
    },
    errors,
  };
}
