/**
 * Pure rules for uploaded files (DESIGN.md §3 Files, §6 bad input). No I/O; the clock is passed in.
 */

export type AcceptedType = { mediaType: string; extensions: readonly string[]; extractable: boolean };

/** The accepted types (issue 4): the media type is detected from the content, never taken from the client. */
export const ACCEPTED_TYPES: readonly AcceptedType[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], extractable: true },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    extractable: true,
  },
  { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], extractable: true },
  { mediaType: 'image/png', extensions: ['png'], extractable: false },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], extractable: false },
];

export const ACCEPTED_EXTENSIONS = ACCEPTED_TYPES.flatMap((t) => t.extensions);
const ACCEPTED_LABEL = 'PDF, DOCX, ODT, PNG and JPEG';

/**
 * Evidence of a user-test finding (issue 13 story 1): screenshots, PDFs and short audio or video
 * clips, never extracted. An M4A or MP4 recording may carry either brand in its `ftyp` box, so both
 * names are accepted for the MP4 container.
 */
export const EVIDENCE_TYPES: readonly AcceptedType[] = [
  { mediaType: 'image/png', extensions: ['png'], extractable: false },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], extractable: false },
  { mediaType: 'image/webp', extensions: ['webp'], extractable: false },
  { mediaType: 'application/pdf', extensions: ['pdf'], extractable: false },
  { mediaType: 'audio/mpeg', extensions: ['mp3'], extractable: false },
  { mediaType: 'audio/x-m4a', extensions: ['m4a'], extractable: false },
  { mediaType: 'video/mp4', extensions: ['mp4', 'm4a', 'm4v'], extractable: false },
  { mediaType: 'video/webm', extensions: ['webm'], extractable: false },
];
export const EVIDENCE_LABEL = 'PNG, JPEG, WebP, PDF, MP3, M4A, MP4 and WebM';

export const isExtractable = (mediaType: string): boolean =>
  ACCEPTED_TYPES.some((t) => t.mediaType === mediaType && t.extractable);

export const MAX_FILENAME_CHARS = 150;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A safe display name from whatever the client sent: only the last path segment (both `/` and `\`),
 * no control, format (RTL override, zero-width) or Windows-reserved characters, no leading dots,
 * no device names, at most MAX_FILENAME_CHARS characters with the extension kept.
 * The name is only ever shown and offered back in Content-Disposition; storage keys never use it.
 */
export function sanitizeFilename(raw: string | undefined): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '');
  name = name.replace(/[<>:"|?*]/g, '_');
  name = name.replace(/\s+/gu, ' ');
  name = name.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
  if (name === '') return 'attachment';
  const stem = name.split('.')[0]!;
  if (WINDOWS_DEVICE.test(stem.trim())) name = `_${name}`;
  return truncateKeepingExtension(name, MAX_FILENAME_CHARS);
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const ext = extensionOf(name);
  const suffix = ext && ext.length <= 10 ? name.slice(name.lastIndexOf('.')) : '';
  const stem = chars
    .slice(0, max - [...suffix].length)
    .join('')
    .replace(/[\s.]+$/u, '');
  return `${stem}${suffix}`;
}

/** The lower-cased extension after the last dot, or '' when there is none. */
export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0 || dot === filename.length - 1) return '';
  return filename.slice(dot + 1).toLowerCase();
}

export type TypeCheck =
  { ok: true; type: AcceptedType } | { ok: false; reason: string; detected: string | null; extension: string };

/**
 * The detected content type must be an accepted one AND agree with the name's extension:
 * an HTML page or a program renamed to `.pdf`, or a DOCX renamed to `.odt`, is refused.
 */
export function checkFileType(
  detected: { mime: string } | undefined,
  filename: string,
  types: readonly AcceptedType[] = ACCEPTED_TYPES,
  label: string = ACCEPTED_LABEL,
): TypeCheck {
  const extension = extensionOf(filename);
  const type = detected ? types.find((t) => t.mediaType === detected.mime) : undefined;
  const fail = (reason: string): TypeCheck => ({ ok: false, reason, detected: detected?.mime ?? null, extension });
  if (!type) {
    return fail(`Only ${label} files are accepted; the content of this file is not one of them`);
  }
  if (!type.extensions.includes(extension)) {
    return fail(`The file's content (${type.extensions[0]!.toUpperCase()}) does not match its name's extension`);
  }
  return { ok: true, type };
}

/** Storage keys are made by the server: `yyyy/mm/<uuid>`, never from anything the client sent. */
export function storageKey(now: Date, id: string): string {
  const yyyy = String(now.getUTCFullYear()).padStart(4, '0');
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${yyyy}/${mm}/${id}`;
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback and the exact name in RFC 5987 form
 * (`filename*=UTF-8''…`), so the browser saves the file and never renders it inline.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Extracted text is capped (issue 4: ~1 MB) and cleaned of NUL and other control characters PostgreSQL or readers choke on. */
export const MAX_EXTRACTED_CHARS = 1_000_000;

export function normaliseExtractedText(text: string, maxChars = MAX_EXTRACTED_CHARS): string {
  let out = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (out.length > maxChars) {
    out = out.slice(0, maxChars);
    // Never end on half a surrogate pair.
    if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
  }
  return out;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A `ts_headline` fragment whose hits are marked with U+0002 … U+0003 (never present in extracted
 * text, see normaliseExtractedText) as safe HTML: everything escaped, then only `<mark>` added.
 */
export function markedSnippetHtml(snippet: string): string {
  return snippet
    .replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!)
    .replaceAll('\u0002', '<mark>')
    .replaceAll('\u0003', '</mark>');
}
