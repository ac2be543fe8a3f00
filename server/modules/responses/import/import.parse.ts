/**
 * Pure parsing for the bulk import (issue 12 story 3): CSV (RFC 4180: quoted cells with commas,
 * doubled quotes and line breaks; a BOM; `,` or `;` as the delimiter) and mbox files split into
 * messages. No I/O.
 */

/** The rows of a CSV text, each a list of cells; a trailing empty line is dropped. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const FROM_LINE = /^From \S*.*$/;

/**
 * The messages of an mbox file. A message starts at a "From " line at the start of the file or
 * after an empty line (mboxo and mboxrd); its "From " line is dropped, and a quoted ">From " (any
 * number of '>', the mboxrd rule) loses one '>'.
 */
export function splitMbox(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let cur: string[] | null = null;
  let prevBlank = true;
  for (const line of lines) {
    if (prevBlank && FROM_LINE.test(line)) {
      if (cur) out.push(finish(cur));
      cur = [];
      prevBlank = false;
      continue;
    }
    if (cur) cur.push(/^>+From /.test(line) ? line.slice(1) : line);
    prevBlank = line === '';
  }
  if (cur) out.push(finish(cur));
  return out.filter((m) => m.trim() !== '');
}

function finish(lines: string[]): string {
  // The blank line before the next "From " belongs to the separator, not the message.
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return `${lines.join('\r\n')}\r\n`;
}
