import { getLocale, intlLocale, type Locale } from './i18n.ts';

/** Dates, numbers and durations through Intl, for da-DK and en-GB. */

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

const toDate = (d: Date | string): Date => (typeof d === 'string' ? new Date(d) : d);

/** "25. november 2026" / "25 November 2026". */
export function formatDate(d: Date | string, locale: Locale = getLocale(), timeZone?: string): string {
  return cached(
    `d:${locale}:${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }),
  ).format(toDate(d));
}

/** "25. november 2026 kl. 14.30" / "25 November 2026 at 14:30". */
export function formatDateTime(d: Date | string, locale: Locale = getLocale(), timeZone?: string): string {
  return cached(
    `dt:${locale}:${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short', timeZone }),
  ).format(toDate(d));
}

/** Short form for tables: "25.11.2026 14.30" / "25/11/2026, 14:30". */
export function formatDateTimeShort(d: Date | string, locale: Locale = getLocale(), timeZone?: string): string {
  return cached(
    `dts:${locale}:${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short', timeZone }),
  ).format(toDate(d));
}

/** "1.234.567" / "1,234,567". */
export function formatNumber(n: number, locale: Locale = getLocale()): string {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** "512 byte", "1,2 MB" / "1.2 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number, locale: Locale = getLocale()): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const u = BYTE_UNITS[unit]!;
  return cached(
    `b:${locale}:${u}`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: 'unit',
        unit: u,
        unitDisplay: 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }),
  ).format(value);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The unit a person would use for a distance in time: "in 3 weeks", not "in 21 days". */
export function relativeParts(ms: number): { value: number; unit: Intl.RelativeTimeFormatUnit } {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? -1 : 1;
  const pick = (size: number, unit: Intl.RelativeTimeFormatUnit) => ({ value: sign * Math.round(abs / size), unit });
  if (abs < HOUR) return pick(MINUTE, 'minute');
  if (abs < 2 * DAY) return pick(HOUR, 'hour');
  if (abs < 2 * WEEK) return pick(DAY, 'day');
  if (abs < 60 * DAY) return pick(WEEK, 'week');
  if (abs < 365 * DAY) return pick(30 * DAY, 'month');
  return pick(365 * DAY, 'year');
}

/** "om 3 uger" / "in 3 weeks", "for 2 dage siden" / "2 days ago". */
export function formatRelative(
  target: Date | string,
  now: Date | string = new Date(),
  locale: Locale = getLocale(),
): string {
  const { value, unit } = relativeParts(toDate(target).getTime() - toDate(now).getTime());
  return cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' })).format(
    value,
    unit,
  );
}

/** An ISO time as the value of a `datetime-local` input, in the browser's time zone. */
export function toDateTimeLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as an ISO-8601 UTC time; empty → null; invalid → undefined. */
export function fromDateTimeLocal(value: string): string | null | undefined {
  if (!value.trim()) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
