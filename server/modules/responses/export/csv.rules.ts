/**
 * CSV for the open-data export (RFC 4180, CRLF line ends), safe to open in a spreadsheet: a cell that
 * begins with = + - @, a tab or a carriage return is prefixed with an apostrophe, so it is shown as
 * text and never evaluated as a formula (OWASP "CSV Injection"). No I/O.
 */
export const UTF8_BOM = '\uFEFF';
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: CsvValue, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  const text = neutralizeCell(typeof value === 'string' ? value : String(value));
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[], delimiter = ','): string {
  return `${values.map((v) => csvCell(v, delimiter)).join(delimiter)}\r\n`;
}
