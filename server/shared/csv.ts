/**
 * The one CSV cell writer for every export (RFC 4180 quoting, CRLF line ends, UTF-8 with a BOM so
 * spreadsheet programs read æ, ø, å), safe to open in a spreadsheet (OWASP "CSV Injection"): a text
 * cell that starts — after any leading whitespace or quotes — with = + - @, a tab or a carriage
 * return, or their full-width forms ＝ ＋ － ＠, gets a leading apostrophe, so it is shown as text and
 * never evaluated (issue 10 item 9). Numbers and booleans are written as such. No I/O.
 */
export const UTF8_BOM = '\uFEFF';
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[\s"'＂＇]*[=+\-@\t\r＝＋－＠]/u;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: CsvValue, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = neutralizeCell(value);
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[], delimiter = ','): string {
  return `${values.map((v) => csvCell(v, delimiter)).join(delimiter)}\r\n`;
}
