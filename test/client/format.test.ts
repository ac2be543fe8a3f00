import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatNumber,
  formatRelative,
  fromDateTimeLocal,
  relativeParts,
  toDateTimeLocal,
} from '../../client/src/i18n/format.ts';

const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('format helpers (Intl, da-DK and en-GB)', () => {
  const d = new Date('2026-11-25T13:30:00Z');

  it('formats dates the Danish and the British way', () => {
    expect(formatDate(d, 'da', 'UTC')).toBe('25. november 2026');
    expect(formatDate(d, 'en', 'UTC')).toBe('25 November 2026');
    expect(norm(formatDateTime(d, 'da', 'UTC'))).toBe('25. november 2026 kl. 13.30');
    expect(norm(formatDateTime(d, 'en', 'UTC'))).toBe('25 November 2026 at 13:30');
  });

  it('formats numbers with the right separators', () => {
    expect(formatNumber(1234567.5, 'da')).toBe('1.234.567,5');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });

  it('formats file sizes in decimal units', () => {
    expect(norm(formatBytes(512, 'da'))).toBe('512 B');
    expect(norm(formatBytes(512, 'en'))).toBe('512 byte');
    expect(norm(formatBytes(1_250_000, 'da'))).toBe('1,3 MB');
    expect(norm(formatBytes(1_250_000, 'en'))).toBe('1.3 MB');
  });

  it('says "in 3 weeks", not "in 21 days"', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(formatRelative(new Date('2026-12-22T12:00:00Z'), now, 'da')).toBe('om 3 uger');
    expect(formatRelative(new Date('2026-12-22T12:00:00Z'), now, 'en')).toBe('in 3 weeks');
    expect(formatRelative(new Date('2026-12-04T12:00:00Z'), now, 'da')).toBe('om 3 dage');
    expect(formatRelative(new Date('2026-12-01T17:00:00Z'), now, 'en')).toBe('in 5 hours');
    expect(formatRelative(new Date('2026-11-28T12:00:00Z'), now, 'da')).toBe('for 3 dage siden');
    expect(formatRelative(new Date('2026-11-30T12:00:00Z'), now, 'en')).toBe('24 hours ago');
    expect(relativeParts(-90 * 60_000)).toEqual({ value: -2, unit: 'hour' });
    expect(relativeParts(100 * 24 * 3_600_000)).toEqual({ value: 3, unit: 'month' });
  });

  it('converts datetime-local values to ISO and back in local time', () => {
    const iso = fromDateTimeLocal('2026-12-23T09:30');
    expect(iso).toBe(new Date(2026, 11, 23, 9, 30).toISOString());
    expect(toDateTimeLocal(iso)).toBe('2026-12-23T09:30');
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('23-12-2026')).toBeUndefined();
    expect(toDateTimeLocal(null)).toBe('');
  });
});
