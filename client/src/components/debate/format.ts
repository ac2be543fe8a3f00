import { getLocale, intlLocale, type Locale } from '../../i18n/i18n.ts';
export { formatNumber } from '../../i18n/format.ts';

const percent = new Map<string, Intl.NumberFormat>();

/** "42,5 %" / "42.5%": a share 0…1 as a percentage with at most one decimal. */
export function formatPercent(share: number, locale: Locale = getLocale()): string {
  let f = percent.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 });
    percent.set(locale, f);
  }
  return f.format(share);
}
