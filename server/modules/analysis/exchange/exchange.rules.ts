import { createHash } from 'node:crypto';

/**
 * Pure rules of the analysis exchange (issue 11 story 9): one plain text per item for a REFI-QDA
 * project, the mapping of a coding's field offsets into it and back, CSV cells, derived GUIDs. No I/O.
 *
 * Offsets: a coding's offsets count Unicode code points into one field's stored text
 * (codings.rules.ts). A REFI-QDA `PlainTextSelection` counts characters of the source's plain text;
 * Samråd writes them as code points too (what QualCoder, a Python program, counts), so a field's
 * offset maps to `fieldStart + offset` with no conversion inside the field. Text with characters
 * outside the Basic Multilingual Plane (emoji) is the only place where a tool counting UTF-16 units
 * would differ.
 */

export type SourceField = { field: string; label: string | null; text: string };
export type LaidField = { field: string; start: number; end: number };
export type SourceLayout = { text: string; fields: LaidField[]; length: number };

const cp = (s: string): number => Array.from(s).length;

/**
 * The item's texts as one plain text: each field under a heading line `=== label ===`, fields
 * separated by an empty line. The first field (a response's or comment's own text) is headed by
 * `itemLabel`. Positions of each field's text are code points into the whole.
 */
export function layoutSource(itemLabel: string, fields: readonly SourceField[]): SourceLayout {
  let text = '';
  let at = 0;
  const laid: LaidField[] = [];
  fields.forEach((f, i) => {
    const head = `${i > 0 ? '\n\n' : ''}=== ${(f.label ?? itemLabel).replace(/\s+/g, ' ').trim()} ===\n`;
    text += head;
    at += cp(head);
    laid.push({ field: f.field, start: at, end: at + cp(f.text) });
    text += f.text;
    at += cp(f.text);
  });
  return { text, fields: laid, length: at };
}

export type CodingPlace = { field: string | null; startOffset: number | null; endOffset: number | null };

/** Where a coding lies in the item's plain text; null when its field is not in the layout. */
export function toSelection(layout: SourceLayout, c: CodingPlace): { start: number; end: number } | null {
  if (c.field === null) return { start: 0, end: layout.length };
  const f = layout.fields.find((x) => x.field === c.field);
  if (!f) return null;
  if (c.startOffset === null || c.endOffset === null) return { start: f.start, end: f.end };
  if (c.endOffset > f.end - f.start) return null;
  return { start: f.start + c.startOffset, end: f.start + c.endOffset };
}

export type SelectionBack =
  { ok: true; place: CodingPlace } | { ok: false; reason: 'out_of_range' | 'crosses_fields' | 'empty' };

/**
 * A selection of the plain text back to a coding: the whole text is the whole item, a whole field
 * is that field, a part of one field is a passage of it (code points from the field's start).
 * A selection over a heading or across two fields has no coding to become.
 */
export function fromSelection(layout: SourceLayout, start: number, end: number): SelectionBack {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > layout.length) {
    return { ok: false, reason: 'out_of_range' };
  }
  if (start >= end) return { ok: false, reason: 'empty' };
  if (start === 0 && end === layout.length)
    return { ok: true, place: { field: null, startOffset: null, endOffset: null } };
  const f = layout.fields.find((x) => x.start <= start && end <= x.end);
  if (!f) return { ok: false, reason: 'crosses_fields' };
  if (start === f.start && end === f.end)
    return { ok: true, place: { field: f.field, startOffset: null, endOffset: null } };
  return { ok: true, place: { field: f.field, startOffset: start - f.start, endOffset: end - f.start } };
}

/** Code points [start, end) of a text. */
export const slice = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('');

/**
 * A stable GUID for something Samråd has no id of its own for (the `<Coding>` inside a selection):
 * a name-based UUID (version 5 layout, SHA-1) of a kind and an id, so the same export gives the same GUIDs.
 */
export function derivedGuid(kind: string, id: string): string {
  const h = createHash('sha1').update(`samraad:${kind}:${id}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A REFI-QDA GUID (with or without braces) as Samråd's lower-case UUID, or null when it is not one. */
export function normalGuid(s: string | undefined): string | null {
  if (!s) return null;
  const m = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/.exec(s.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** At most `max` UTF-16 units (what the API's length limits count) without splitting a character. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}
