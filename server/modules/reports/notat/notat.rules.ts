/** Pure helpers of the høringsnotat (issue 14 story 6): no I/O. */

export const DAY_MS = 86_400_000;

/** The hearing period's length in whole days (null while a date is missing). */
export function hearingDays(opensAt: Date | null, closesAt: Date | null): number | null {
  if (!opensAt || !closesAt) return null;
  return Math.max(0, Math.round((closesAt.getTime() - opensAt.getTime()) / DAY_MS));
}

/**
 * The analysis inbox view that recounts a number: its path and query in the inbox's own URL format
 * (client/src/data/inbox-filter.ts; the same parameters go to GET /api/consultations/:id/inbox).
 */
export function inboxHref(consultationId: string, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params).toString();
  return `/admin/consultations/${consultationId}/inbox${q ? `?${q}` : ''}`;
}

/** The inbox query of a count's link: its parameters as the inbox API takes them. */
export function inboxQueryOf(href: string): URLSearchParams {
  const at = href.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : href.slice(at + 1));
}

/** A date in the language's long form, in Danish time ("1. oktober 2026", "1 October 2026"). */
export function longDate(iso: string, lang: 'da' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(iso));
}

/** A number as the language writes it (1.234 / 1,234). */
export const num = (n: number, lang: 'da' | 'en') => n.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB');

/** "a, b og c" / "a, b and c". */
export function listOf(xs: readonly string[], lang: 'da' | 'en'): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} ${lang === 'da' ? 'og' : 'and'} ${xs.at(-1)}`;
}

/** A file name for a version's download. */
export function reportFilename(slug: string, number: number, lang: 'da' | 'en', ext: string): string {
  const base = lang === 'da' ? 'hoeringsnotat' : 'consultation-report';
  return `${base}-${slug.replace(/[^a-z0-9-]/gi, '').slice(0, 60)}-v${number}-${lang}.${ext}`;
}
